package dev.chorus.room.room;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Visibility {
    /** Listed in the hallway; anyone signed in may join. */
    @JsonProperty("public") PUBLIC,
    /** Not listed; only the host and invited users may join. */
    @JsonProperty("closed") CLOSED;

    public String wire() {
        return this == PUBLIC ? "public" : "closed";
    }
}
