package dev.chorus.colibri2;

/** The answer of {@code GET /about/version}. */
public record BridgeVersion(String name, String version, String os) {}
