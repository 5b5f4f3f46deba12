package dev.chorus.voice.colibri;

/** The audio source a browser announced in its answer: its SSRC and, if given, its {@code msid}. */
public record AudioSourceSpec(long ssrc, String msid) {
}
