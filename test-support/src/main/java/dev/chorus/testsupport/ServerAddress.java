package dev.chorus.testsupport;

/** Where a test server listens. */
public record ServerAddress(String host, int port) {
}
