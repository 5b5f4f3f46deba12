package dev.chorus.sfu.media;

import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.sfu.conference.ConferenceRegistry;

/** Two synthetic peers of their own runtime, connected to one conference: the smallest room that forwards. */
record SpeakerAndListener(PeerRuntime runtime, SyntheticPeer speaker, SyntheticPeer listener) implements AutoCloseable {

  static SpeakerAndListener connect(BridgeSession session, ConferenceRegistry registry) throws Exception {
    PeerRuntime runtime = PeerRuntime.start();
    SpeakerAndListener pair = new SpeakerAndListener(runtime, SyntheticPeer.create(runtime), SyntheticPeer.create(runtime));
    try {
      session.connect("speaker", pair.speaker, registry);
      session.connect("listener", pair.listener, registry);
      return pair;
    } catch (Exception | AssertionError e) {
      pair.close();
      throw e;
    }
  }

  @Override
  public void close() {
    speaker.close();
    listener.close();
    runtime.close();
  }
}
