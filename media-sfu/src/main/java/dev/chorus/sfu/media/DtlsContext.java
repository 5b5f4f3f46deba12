package dev.chorus.sfu.media;

import dev.chorus.media.transport.dtls.DtlsCertificate;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.SfuProperties;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The bridge's DTLS identity (one ECDSA certificate per process, its fingerprint in every
 * allocation answer) and the threads that run handshakes, off the packet thread.
 */
@Component
public class DtlsContext {

  private final DtlsCertificate certificate = DtlsCertificate.generate();
  private final ExecutorService handshakes;

  public DtlsContext(SfuProperties properties) {
    AtomicInteger n = new AtomicInteger();
    handshakes = Executors.newFixedThreadPool(properties.handshakeThreads(), r -> {
      Thread t = new Thread(r, "sfu-dtls-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // jitsi-srtp times its AES implementations once; do it now, not on the first call's packets.
    SrtpSession.warmUp();
  }

  public DtlsCertificate certificate() {
    return certificate;
  }

  public ExecutorService handshakes() {
    return handshakes;
  }

  @PreDestroy
  void shutdown() {
    handshakes.shutdownNow();
  }
}
