package dev.chorus.sfu.media;

import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;

/**
 * One slot of the fan-out queue: a decrypted packet waiting for its copies. The packet thread
 * fills a slot before publishing its sequence number and refills it only once every fan-out
 * thread has passed it, so the slots are reused and never shared with a writer.
 */
final class ForwardJob {

  final byte[] packet = new byte[PacketReceiver.BUFFER_BYTES];
  int length;
  boolean rtcp;
  BridgeConference conference;
  /** The local endpoint it came from; null when it came over a relay from another bridge. */
  BridgeEndpoint sender;
  long receivedNanos;

  void set(BridgeConference conference, BridgeEndpoint sender, byte[] from, int length,
      boolean rtcp, long receivedNanos) {
    System.arraycopy(from, 0, packet, 0, length);
    this.conference = conference;
    this.length = length;
    this.rtcp = rtcp;
    this.sender = sender;
    this.receivedNanos = receivedNanos;
  }
}
