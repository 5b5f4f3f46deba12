package dev.chorus.voice.session;

/** Where a room's conference lives in one region. */
public record ConferencePlacement(String region, String bridge, String meetingId) {
}
