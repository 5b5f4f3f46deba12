package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The keys of {@code GET /colibri/stats} that matter for an audio bridge and for choosing one
 * (Jitsi Videobridge serves about 80 flat keys; a client reads these and ignores the rest).
 * Rates are per second; {@code stress_level} is 0 for idle and 1 for the configured capacity.
 * The {@code octo_*} keys and {@code total_relays} count relays between bridges (conferences with
 * one, endpoints of other bridges, relays created, packets in and out over relays, relays whose
 * DTLS handshake failed).
 * {@code drain} asks Colibri2 clients to place no new conferences on the bridge.
 * {@code packet_path} is media-sfu's own addition: passed and dropped counts per stage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BridgeStats(
    int conferences,
    int endpoints,
    int participants,
    @JsonProperty("local_endpoints") int localEndpoints,
    @JsonProperty("largest_conference") int largestConference,
    @JsonProperty("endpoints_sending_audio") int endpointsSendingAudio,
    @JsonProperty("inactive_endpoints") int inactiveEndpoints,
    @JsonProperty("packet_rate_download") long packetRateDownload,
    @JsonProperty("packet_rate_upload") long packetRateUpload,
    @JsonProperty("bit_rate_download") long bitRateDownload,
    @JsonProperty("bit_rate_upload") long bitRateUpload,
    @JsonProperty("total_packets_received") long totalPacketsReceived,
    @JsonProperty("total_packets_sent") long totalPacketsSent,
    @JsonProperty("total_bytes_received") long totalBytesReceived,
    @JsonProperty("total_bytes_sent") long totalBytesSent,
    @JsonProperty("total_conferences_created") long totalConferencesCreated,
    @JsonProperty("total_conferences_completed") long totalConferencesCompleted,
    @JsonProperty("total_participants") long totalParticipants,
    @JsonProperty("total_dominant_speaker_changes") long totalDominantSpeakerChanges,
    @JsonProperty("total_ice_succeeded") long totalIceSucceeded,
    @JsonProperty("dtls_failed_endpoints") long dtlsFailedEndpoints,
    @JsonProperty("stress_level") double stressLevel,
    @JsonProperty("octo_conferences") int octoConferences,
    @JsonProperty("octo_endpoints") int octoEndpoints,
    @JsonProperty("total_relays") long totalRelays,
    @JsonProperty("total_packets_received_octo") long totalPacketsReceivedOcto,
    @JsonProperty("total_packets_sent_octo") long totalPacketsSentOcto,
    @JsonProperty("dtls_failed_relays") long dtlsFailedRelays,
    boolean healthy,
    @JsonProperty("graceful_shutdown") boolean gracefulShutdown,
    boolean drain,
    int threads,
    String version,
    @JsonProperty("current_timestamp") String currentTimestamp,
    @JsonProperty("packet_path") Map<String, StageCounts> packetPath) {

  /** Packets that passed and were dropped at one named stage of the bridge's packet path. */
  public record StageCounts(long passed, long dropped) {}
}
