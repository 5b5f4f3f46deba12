package dev.chorus.room.room;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum RoomStatus {
    /** Created with a start time in the future; goes live when its host joins. */
    @JsonProperty("scheduled") SCHEDULED,
    @JsonProperty("live") LIVE,
    @JsonProperty("ended") ENDED;

    public String wire() {
        return name().toLowerCase();
    }

    static RoomStatus ofWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
