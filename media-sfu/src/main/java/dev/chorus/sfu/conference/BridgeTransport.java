package dev.chorus.sfu.conference;

import dev.chorus.media.transport.dtls.DtlsSession;
import dev.chorus.media.transport.ice.IceCredentials;
import dev.chorus.media.transport.ice.IceLiteResponder;
import dev.chorus.media.transport.srtp.SrtpSession;
import java.net.InetSocketAddress;

/**
 * The ICE, DTLS and SRTP state of one peer of the bridge: a browser's endpoint or another
 * bridge's relay. The control plane writes the volatile fields; the packet thread only reads them
 * (and writes the activity time), so it never waits for a control-plane lock.
 */
public abstract sealed class BridgeTransport permits BridgeEndpoint, BridgeRelay {

  private final IceLiteResponder ice;
  private volatile DtlsSession dtls;
  private volatile InetSocketAddress address;
  private volatile SrtpSession srtp;
  private volatile long lastActivityNanos;
  private volatile boolean released;

  BridgeTransport(IceCredentials local, long nowNanos) {
    this.ice = new IceLiteResponder(local, null);
    this.lastActivityNanos = nowNanos;
  }

  /** Answers the peer's connectivity checks for this side's credentials. */
  public IceLiteResponder ice() {
    return ice;
  }

  /** The DTLS session, or null while it waits for the peer's transport. */
  public DtlsSession dtls() {
    return dtls;
  }

  void dtls(DtlsSession session) {
    this.dtls = session;
  }

  /** The peer's address, once ICE has validated it. */
  public InetSocketAddress address() {
    return address;
  }

  void address(InetSocketAddress address) {
    this.address = address;
  }

  public SrtpSession srtp() {
    return srtp;
  }

  void srtp(SrtpSession session) {
    this.srtp = session;
  }

  public void touch(long nowNanos) {
    lastActivityNanos = nowNanos;
  }

  public long lastActivityNanos() {
    return lastActivityNanos;
  }

  /** Whether media can be sent to the peer: ICE found it and DTLS gave keys. */
  public boolean isReachable() {
    return address != null && srtp != null && !released;
  }

  public boolean isReleased() {
    return released;
  }

  /** Frees the crypto state; the peer's packets are dropped from now on. */
  void release() {
    released = true;
    DtlsSession d = dtls;
    if (d != null) {
      d.close();
    }
    SrtpSession s = srtp;
    if (s != null) {
      s.close();
    }
  }
}
