package dev.chorus.sfu.colibri;

import dev.chorus.colibri2.BridgeStats;
import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.conference.BridgeConference;
import dev.chorus.sfu.conference.BridgeEndpoint;
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

  StatsController(ConferenceRegistry registry, TrafficCounters traffic, PacketPath path,
      Housekeeping housekeeping, MediaSocket socket, SfuProperties properties) {
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
    for (BridgeConference c : registry.conferences()) {
      conferences++;
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
    double stress = Math.min(1.0, (rates.packetsIn() + rates.packetsOut())
        / (double) properties.capacityPacketsPerSecond());
    Map<String, BridgeStats.StageCounts> stages = new LinkedHashMap<>();
    for (PacketStage stage : path.stages()) {
      stages.put(stage.name(), new BridgeStats.StageCounts(stage.passed(), stage.dropped()));
    }
    return new BridgeStats(conferences, endpoints, endpoints, endpoints, largest, sending, inactive,
        rates.packetsIn(), rates.packetsOut(), rates.bitsIn(), rates.bitsOut(),
        traffic.packetsIn(), traffic.packetsOut(), traffic.bytesIn(), traffic.bytesOut(),
        registry.conferencesCreated(), registry.conferencesCompleted(),
        registry.participantsCreated(), housekeeping.dominantSpeakerChanges(),
        registry.iceSucceeded(), registry.dtlsFailed(), stress, socket.isHealthy(), false,
        Thread.activeCount(), AboutController.bridgeVersion(), LocalDateTime.now().format(TIMESTAMP),
        stages);
  }
}
