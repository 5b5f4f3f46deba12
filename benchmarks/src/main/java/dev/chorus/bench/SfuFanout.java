package dev.chorus.bench;

import dev.chorus.hosting.CoHosting;
import dev.chorus.hosting.SharedClassPath;
import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.Transport;
import dev.chorus.media.peer.PeerRuntime;
import dev.chorus.media.peer.ReceivedStream;
import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import dev.chorus.sfu.MediaSfuApplication;
import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.media.ForwardingDelay;
import dev.chorus.sfu.media.PacketPath;
import dev.chorus.sfu.media.PacketStage;
import dev.chorus.sfu.media.TrafficCounters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One speaker to N synthetic listeners through media-sfu on this machine, for growing N:
 * loss, packets per second in and out, the bridge's CPU (its own threads, per 1,000 forwarded
 * packets and as a share of all cores) and its added delay (arrival to send of each copy)
 * p50/p99.
 *
 * <p>Usage: {@code ./bench SfuFanout [listeners=100,500,1000,2000] [seconds=5] [fanoutThreads=0]}
 * (0: the bridge's default, one per processor). The bridge and the peers share the machine and
 * this JVM: the peers' CPU (every thread of this JVM that is not the bridge's, so the compiler
 * and the collector too), the whole machine's busy share (every process, and the kernel's
 * interrupt work, which includes delivering loopback datagrams) and the load average are printed
 * beside the bridge's own CPU so that a saturated machine shows.
 */
public final class SfuFanout {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long WARM_UP_MILLIS = 1000;

  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "100,500,1000,2000").split(",");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int fanoutThreads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int cores = Runtime.getRuntime().availableProcessors();
    try (ConfigurableApplicationContext bridge = CoHosting.start(MediaSfuApplication.class, false,
        Map.of("server.port", "0", "chorus.sfu.udp-port", "0", "chorus.sfu.bind-address", "127.0.0.1",
            "chorus.sfu.endpoint-idle-timeout", "120s", "logging.level.dev.chorus", "WARN",
            "chorus.sfu.fanout-threads", Integer.toString(fanoutThreads),
            // The bridge talks to no data server; the other services' clients are on the class path.
            "spring.autoconfigure.exclude", String.join(",", SharedClassPath.SECURITY) + ","
                + String.join(",", SharedClassPath.DATA)));
        PeerRuntime runtime = PeerRuntime.start(2, 2, 8)) {
      String base = "http://127.0.0.1:" + bridge.getEnvironment().getProperty("local.server.port");
      Probes probes = new Probes(bridge.getBean(ForwardingDelay.class),
          bridge.getBean(TrafficCounters.class), bridge.getBean(PacketPath.class).stages().stream()
              .filter(stage -> stage.name().equals("fanout")).findFirst().orElseThrow());
      System.out.printf("SfuFanout: 1 speaker, Opus-sized packets at 50/s, %d s per size after %d ms"
          + " of warm-up (counted for loss only), %d cores, %d fan-out threads%n", seconds,
          WARM_UP_MILLIS, cores,
          bridge.getBean(SfuProperties.class).fanoutThreadCount());
      System.out.println("Load generator: the synthetic peers run in this JVM (2 selector threads,"
          + " 2 pacer threads) on the same cores as the bridge");
      System.out.println("loss: packets a listener missed; of it, copies the bridge dropped (queue"
          + " full, send refused) and datagrams the kernel dropped at a full receive buffer");
      System.out.printf("%9s %8s %11s %8s %10s %10s %12s %10s %12s %10s %10s %10s %10s %6s%n",
          "listeners", "loss", "bridge drop", "buf drop", "pps in", "pps out", "bridge CPU",
          "of cores", "CPU/1k pkts", "p50 µs", "p99 µs", "peers CPU", "machine", "load");
      int largestClean = 0;
      for (String size : sizes) {
        int n = Integer.parseInt(size.trim());
        Result r = run(base, runtime, n, seconds, probes, cores);
        System.out.printf("%9d %8d %11d %8d %10.0f %10.0f %11.1f%% %9.1f%% %10.0f µs %10.0f %10.0f"
            + " %9.1f%% %9.1f%% %6.2f%n", n, r.lost, r.bridgeDropped, r.bufferDrops, r.ppsIn, r.ppsOut, r.bridgeCpuShare * 100 * cores, r.bridgeCpuShare * 100,
            r.cpuPerThousandMicros, r.p50Micros, r.p99Micros, r.peersCpuShare * 100,
            r.machineBusyShare * 100, r.loadAverage);
        if (r.lost == 0 && r.bridgeCpuShare < 0.8) {
          largestClean = n;
        }
      }
      System.out.printf("Largest N with no loss and bridge under 80%% of all cores: %d%n",
          largestClean);
    }
  }

  /** What the benchmark reads from the bridge in its JVM. */
  private record Probes(ForwardingDelay delay, TrafficCounters traffic, PacketStage fanout) {}

  private record Result(long lost, long bridgeDropped, long bufferDrops, double ppsIn, double ppsOut, double bridgeCpuShare,
      double cpuPerThousandMicros, double p50Micros, double p99Micros, double peersCpuShare,
      double machineBusyShare, double loadAverage) {}

  private static Result run(String base, PeerRuntime runtime, int listeners, int seconds,
      Probes probes, int cores) throws Exception {
    ForwardingDelay delay = probes.delay();
    TrafficCounters traffic = probes.traffic();
    String meetingId = UUID.randomUUID().toString();
    String path = "/colibri/v2/conferences/" + meetingId;
    http(base, "POST", "/colibri/v2/conferences", Conference.create(meetingId, "bench", List.of()));
    SyntheticPeer speaker = SyntheticPeer.create(runtime);
    List<SyntheticPeer> peers = new ArrayList<>();
    List<CompletableFuture<?>> connected = new ArrayList<>();
    connected.add(speaker.connect(join(base, path, "speaker", speaker)));
    for (int i = 0; i < listeners; i++) {
      SyntheticPeer p = SyntheticPeer.create(runtime);
      peers.add(p);
      connected.add(p.connect(join(base, path, "l" + i, p)));
    }
    CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    Thread.sleep(500); // the bridge side completes its handshakes after the clients

    long bridgeDropped0 = probes.fanout().dropped();
    long bufferDrops0 = receiveBufferDrops();
    speaker.audioLevel(20, true);
    speaker.startSending();
    // Compiled code and warm caches, as in a bridge that has been running: the first second
    // counts for loss, not for the rates, CPU and delays.
    Thread.sleep(WARM_UP_MILLIS);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bridgeCpu0 = bridgeCpuNanos(threads);
    long allCpu0 = allCpuNanos(threads);
    MachineTicks machine0 = MachineTicks.read();
    long in0 = traffic.packetsIn();
    long out0 = traffic.packetsOut();
    delay.intervalHistogram();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    speaker.stopSending();
    Thread.sleep(500);
    long wall = System.nanoTime() - t0;
    Histogram h = delay.intervalHistogram();
    long bridgeCpu = bridgeCpuNanos(threads) - bridgeCpu0;
    long allCpu = allCpuNanos(threads) - allCpu0;
    double machineBusy = MachineTicks.read().busyShareSince(machine0);
    double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long in = traffic.packetsIn() - in0;
    long out = traffic.packetsOut() - out0;

    long bridgeDropped = probes.fanout().dropped() - bridgeDropped0;
    long bufferDrops = receiveBufferDrops() - bufferDrops0;
    long sent = speaker.sent().packets();
    long lost = 0;
    for (SyntheticPeer p : peers) {
      long got = p.received(speaker.ssrc()).map(ReceivedStream::packets).orElse(0L);
      lost += Math.max(0, sent - got);
    }
    http(base, "PATCH", path, Conference.expireConference());
    speaker.close();
    peers.forEach(SyntheticPeer::close);
    double forwarded = Math.max(1, h.getTotalCount());
    return new Result(lost, bridgeDropped, bufferDrops, in / (wall / 1e9), out / (wall / 1e9),
        bridgeCpu / (double) wall / cores, bridgeCpu / 1e3 / (forwarded / 1000.0),
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
        (allCpu - bridgeCpu) / (double) wall / cores, machineBusy, loadAverage);
  }

  private static RemoteTransport join(String base, String path, String id, SyntheticPeer peer)
      throws Exception {
    JsonNode answer = http(base, "PATCH", path, Conference.patch(List.of(
        Endpoint.create(id, id, List.of(Media.opusWithAudioLevel())))));
    JsonNode ice = answer.path("endpoints").get(0).path("transport").path("transport");
    JsonNode candidate = ice.path("candidates").get(0);
    InetSocketAddress local = peer.localAddress();
    http(base, "PATCH", path, Conference.patch(List.of(Endpoint.update(id,
        Transport.of(IceUdpTransport.of(peer.iceCredentials().ufrag(), peer.iceCredentials().pwd(),
            List.of(new Fingerprint(peer.fingerprint().value(), "active", Fingerprint.SHA_256)),
            List.of(Candidate.udpHost("c1", local.getHostString(), local.getPort(), 2130706431L)))),
        List.of(MediaSource.audio(id + "-a0", Integer.toUnsignedLong(peer.ssrc())))))));
    return new RemoteTransport(ice.path("ufrag").asString(), ice.path("pwd").asString(),
        new InetSocketAddress(candidate.path("ip").asString(),
            Integer.parseInt(candidate.path("port").asString())),
        new DtlsFingerprint("sha-256", ice.path("fingerprints").get(0).path("fingerprint").asString()));
  }

  private static JsonNode http(String base, String method, String path, Object body)
      throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** CPU of the bridge's media threads (packet, fan-out, housekeeping, DTLS handshakes). */
  private static long bridgeCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("sfu-")) {
        total += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }

  /**
   * UDP datagrams the kernel dropped because a receiving socket's buffer was full
   * ({@code RcvbufErrors} in {@code /proc/net/snmp}, Linux, every socket of the machine): the
   * peers reading too slowly show here, a bridge falling behind does not. 0 where not available.
   */
  private static long receiveBufferDrops() {
    try {
      List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
          .filter(line -> line.startsWith("Udp:")).toList();
      List<String> names = List.of(udp.get(0).split("\\s+"));
      return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The machine's CPU time counters from {@code /proc/stat} (Linux): busy is everything but idle
   * and I/O wait, every process included. Not available elsewhere: then the share prints as NaN.
   */
  private record MachineTicks(long busy, long total) {

    static MachineTicks read() {
      try {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
          total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new MachineTicks(total - idle, total);
      } catch (IOException | RuntimeException e) {
        return new MachineTicks(0, 0);
      }
    }

    double busyShareSince(MachineTicks earlier) {
      long total = this.total - earlier.total;
      return total > 0 ? (busy - earlier.busy) / (double) total : Double.NaN;
    }
  }

  private static long allCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (long id : threads.getAllThreadIds()) {
      total += Math.max(0, threads.getThreadCpuTime(id));
    }
    return total;
  }
}
