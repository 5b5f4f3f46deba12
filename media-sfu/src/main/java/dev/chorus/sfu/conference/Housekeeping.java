package dev.chorus.sfu.conference;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.ice.IceControllingChecks;
import dev.chorus.media.transport.rtp.ReceiverReport;
import dev.chorus.media.transport.rtp.ReceptionStatistics;
import dev.chorus.media.transport.srtp.SrtpResult;
import dev.chorus.media.transport.srtp.SrtpSession;
import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.media.MediaSocket;
import dev.chorus.sfu.media.TrafficCounters;
import dev.chorus.sfu.speech.LevelMeter;
import dev.chorus.sfu.speech.SpeechActivity;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bridge's periodic work, on one thread of its own: traffic rates, dominant speakers, the
 * bridge's receiver reports to senders, ICE checks of relays to other bridges, and expiry of
 * silent endpoints and relays and of empty conferences.
 */
@Component
public class Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  /** Receiver reports go out about once a second, whatever the housekeeping period. */
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

  private final ConferenceRegistry registry;
  private final MediaSocket socket;
  private final TrafficCounters traffic;
  private final SfuProperties properties;
  private final AtomicLong dominantSpeakerChanges = new AtomicLong();
  private final byte[] report = new byte[ReceiverReport.HEADER_LENGTH + 24 + PacketBuffer.TRAILER_ROOM];
  private ScheduledExecutorService timer;
  private long lastReportNanos;

  public Housekeeping(ConferenceRegistry registry, MediaSocket socket, TrafficCounters traffic,
      SfuProperties properties) {
    this.registry = registry;
    this.socket = socket;
    this.traffic = traffic;
    this.properties = properties;
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sfu-housekeeping");
      t.setDaemon(true);
      return t;
    });
    long period = properties.housekeepingInterval().toNanos();
    timer.scheduleAtFixedRate(this::runSafely, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void stop() {
    timer.shutdownNow();
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }

  @PreDestroy
  void expireAll() {
    for (BridgeConference conference : registry.conferences()) {
      registry.expire(conference, "bridge shutting down");
    }
  }

  public long dominantSpeakerChanges() {
    return dominantSpeakerChanges.get();
  }

  private void runSafely() {
    try {
      run(System.nanoTime());
    } catch (RuntimeException e) {
      log.warn("Housekeeping round failed", e);
    }
  }

  void run(long now) {
    traffic.sample(now);
    boolean reportNow = now - lastReportNanos >= REPORT_INTERVAL_NANOS;
    if (reportNow) {
      lastReportNanos = now;
    }
    long idleLimit = properties.endpointIdleTimeout().toNanos();
    for (BridgeConference conference : registry.conferences()) {
      for (BridgeEndpoint endpoint : conference.endpoints()) {
        if (now - endpoint.lastActivityNanos() > idleLimit) {
          registry.expire(endpoint, "silent for " + properties.endpointIdleTimeout());
        } else if (reportNow) {
          sendReceiverReport(conference, endpoint, now);
        }
      }
      for (BridgeRelay relay : conference.relays()) {
        if (now - relay.lastActivityNanos() > idleLimit) {
          registry.expire(relay, "the other bridge silent for " + properties.endpointIdleTimeout());
        } else {
          sendRelayChecks(relay, now);
        }
      }
      if (conference.endpoints().length == 0 && now - conference.lastChangeNanos() > idleLimit) {
        registry.expire(conference, "empty for " + properties.endpointIdleTimeout());
      } else {
        identifyDominantSpeaker(conference, now);
      }
    }
  }

  private void identifyDominantSpeaker(BridgeConference conference, long now) {
    List<SpeechActivity.Loudness> levels = new ArrayList<>();
    for (BridgeEndpoint e : conference.endpoints()) {
      if (!e.audioForceMuted()) {
        levels.add(loudness(e.id(), e.level()));
      }
    }
    for (BridgeRelay relay : conference.relays()) {
      for (RelayedEndpoint e : relay.endpoints()) {
        levels.add(loudness(e.id(), e.level()));
      }
    }
    if (conference.speech().update(levels, now)) {
      dominantSpeakerChanges.incrementAndGet();
      log.info("Conference {} dominant speaker is now {}", conference.meetingId(),
          conference.speech().dominant());
    }
  }

  private static SpeechActivity.Loudness loudness(String endpointId, LevelMeter level) {
    return new SpeechActivity.Loudness(endpointId, level.loudness(), level.lastNanos());
  }

  /**
   * The ICE-controlling side of a relay checks every candidate of the other bridge each round
   * until one answers, then only the validated address at the consent interval.
   */
  private void sendRelayChecks(BridgeRelay relay, long now) {
    IceControllingChecks checks = relay.checks();
    if (checks == null) {
      return;
    }
    InetSocketAddress connected = relay.address();
    if (connected == null) {
      for (InetSocketAddress candidate : relay.remoteCandidates()) {
        byte[] check = checks.newRequest();
        relay.port().send(check, 0, check.length, candidate);
      }
      relay.checked(now);
    } else if (now - relay.lastCheckNanos() >= properties.relayConsentInterval().toNanos()) {
      byte[] check = checks.newRequest();
      relay.port().send(check, 0, check.length, connected);
      relay.checked(now);
    }
  }

  /** The bridge terminates listeners' reports, so it tells each sender what it received. */
  private void sendReceiverReport(BridgeConference conference, BridgeEndpoint endpoint, long now) {
    ReceptionStatistics reception = endpoint.reception();
    SrtpSession srtp = endpoint.srtp();
    InetSocketAddress to = endpoint.address();
    if (reception == null || srtp == null || to == null) {
      return;
    }
    int length = new ReceiverReport((int) conference.bridgeAudioSsrc(),
        List.of(reception.reportBlock(now))).write(report, 0);
    PacketBuffer packet = new PacketBuffer(report, 0, length);
    if (srtp.protectRtcp(packet) == SrtpResult.OK) {
      socket.send(packet.getBuffer(), packet.getOffset(), packet.getLength(), to);
    }
  }
}
