package dev.chorus.voice.bridge;

import dev.chorus.voice.VoiceProperties;

/** Told once when a bridge that was up stops answering. */
public interface BridgeLostListener {

    void bridgeLost(VoiceProperties.Bridge bridge);
}
