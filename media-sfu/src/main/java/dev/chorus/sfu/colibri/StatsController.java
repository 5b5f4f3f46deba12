package dev.chorus.sfu.colibri;

import dev.chorus.colibri2.BridgeStats;
import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;
import dev.chorus.sfu.conference.BridgeRelay;
import dev.chorus.sfu.conference.ConferenceRegistry;
import dev.chorus.sfu.conference.Housekeeping;
import dev.chorus.sfu.media.MediaSocket;
import dev.chorus.sfu.media.PacketPath;
import dev.chorus.sfu.media.PacketStage;
import dev.chorus.sfu.media.TrafficCounters;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /colibri/stats}: one flat JSON object with Jitsi Videobridge's key names. */
@RestController
class StatsController {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final long ACTIVE_NANOS = 2_000_000_000L;

  private final ConferenceRegistry registry;
  private final TrafficCounters traffic;
  private final PacketPath path;
  private final Housekeeping housekeeping;
  private final MediaSocket socket;
  private final SfuProperties properties;
  private final DrainMode drain;

  StatsController(ConferenceRegistry registry, TrafficCounters traffic, PacketPath path,
      Housekeeping housekeeping, MediaSocket socket, SfuProperties properties, DrainMode drain) {
    this.drain = drain;
    this.registry = registry;
    this.traffic = traffic;
    this.path = path;
    this.housekeeping = housekeeping;
    this.socket = socket;
    this.properties = properties;
  }

  @GetMapping("/colibri/stats")
  BridgeStats stats() {
    long now = System.nanoTime();
    int conferences = 0;
    int endpoints = 0;
    int largest = 0;
    int sending = 0;
    int inactive = 0;
    int withRelays = 0;
    int relayed = 0;
    for (BridgeConference c : registry.conferences()) {
      conferences++;
      BridgeRelay[] relays = c.relays();
      if (relays.length > 0) {
        withRelays++;
      }
      for (BridgeRelay r : relays) {
        relayed += r.endpoints().length;
      }
      BridgeEndpoint[] members = c.endpoints();
      endpoints += members.length;
      largest = Math.max(largest, members.length);
      for (BridgeEndpoint e : members) {
        boolean active = now - e.lastActivityNanos() < ACTIVE_NANOS && e.isReachable();
        if (!active) {
          inactive++;
        } else if (e.reception() != null && !e.audioForceMuted()) {
          sending++;
        }
      }
    }
    TrafficCounters.Rates rates = traffic.rates();
    double stress = rates.stressLevel(properties.capacityPacketsPerSecond());
    Map<String, BridgeStats.StageCounts> stages = new LinkedHashMap<>();
    for (PacketStage stage : path.stages()) {
      stages.put(stage.name(), new BridgeStats.StageCounts(stage.passed(), stage.dropped()));
    }
    return new BridgeStats(conferences, endpoints, endpoints, endpoints, largest, sending, inactive,
        rates.packetsIn(), rates.packetsOut(), rates.bitsIn(), rates.bitsOut(),
        traffic.packetsIn(), traffic.packetsOut(), traffic.bytesIn(), traffic.bytesOut(),
        registry.conferencesCreated(), registry.conferencesCompleted(),
        registry.participantsCreated(), housekeeping.dominantSpeakerChanges(),
        registry.iceSucceeded(), registry.dtlsFailed(), stress, withRelays, relayed,
        registry.relaysCreated(), registry.relayPacketsReceived(), registry.relayPacketsSent(),
        registry.relaysDtlsFailed(),
        socket.isHealthy(), false, drain.isOn(),
        Thread.activeCount(), AboutController.bridgeVersion(), LocalDateTime.now().format(TIMESTAMP),
        stages);
  }
}
