package dev.chorus.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's place in a room. Host, moderators and speakers are on stage; listeners are in the audience. */
public enum Role {
    @JsonProperty("host") HOST,
    @JsonProperty("moderator") MODERATOR,
    @JsonProperty("speaker") SPEAKER,
    @JsonProperty("listener") LISTENER;

    public boolean onStage() {
        return this != LISTENER;
    }

    public boolean moderates() {
        return this == HOST || this == MODERATOR;
    }
}
