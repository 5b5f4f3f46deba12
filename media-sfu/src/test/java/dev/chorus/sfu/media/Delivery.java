package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.peer.ReceivedStream;

/**
 * What a listener must get of a stream on a busy machine: loopback UDP may lose a datagram when a
 * receiving peer's socket buffer is full, so nearly every packet, none altered, none twice.
 */
final class Delivery {

  private Delivery() {}

  static long tolerance(long sent) {
    return Math.max(2, sent / 20);
  }

  static boolean nearlyAll(long received, long sent) {
    return received >= sent - tolerance(sent);
  }

  static void assertFaithful(ReceivedStream stream, long sent) {
    assertThat(stream.payloadMismatches()).as("altered payloads").isZero();
    assertThat(stream.packets()).as("packets of %d sent", sent)
        .isBetween(sent - tolerance(sent), sent);
  }
}
