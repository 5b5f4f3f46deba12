package dev.chorus.voice.bridge;

import dev.chorus.voice.VoiceProperties;

/**
 * What voice-service last learned about one bridge.
 *
 * @param up       the last polls succeeded (or fewer than the allowed number failed in a row)
 * @param draining the bridge asks for no new conferences
 * @param stress   its stress level from the last stats read
 * @param failures consecutive failed polls
 */
public record BridgeState(VoiceProperties.Bridge bridge, boolean up, boolean draining, double stress, int failures) {

    /** Whether new rooms may be placed on this bridge. */
    public boolean acceptsRooms() {
        return up && !draining;
    }
}
