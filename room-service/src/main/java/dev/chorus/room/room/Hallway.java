package dev.chorus.room.room;

import java.util.List;

/** The hallway: live public rooms by listener count, one page of them, and the upcoming scheduled ones. */
public record Hallway(List<RoomView> live, int page, int size, long totalLive, List<RoomView> upcoming) {
}
