package dev.chorus.sfu.metrics;

import dev.chorus.sfu.SfuProperties;
import dev.chorus.sfu.conference.ConferenceRegistry;
import dev.chorus.sfu.media.ForwardingDelay;
import dev.chorus.sfu.media.PacketPath;
import dev.chorus.sfu.media.PacketStage;
import dev.chorus.sfu.media.TrafficCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.springframework.stereotype.Component;

/**
 * The bridge's load as meters ({@code chorus_sfu_*} in {@code /actuator/prometheus}). Every meter
 * reads, when scraped, a count the packet path or the control plane keeps anyway: nothing here
 * runs per packet.
 */
@Component
class BridgeMeters implements MeterBinder {

  /** The forwarding delay quantiles describe at least this long a stretch of traffic. */
  static final long DELAY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ConferenceRegistry registry;
  private final TrafficCounters traffic;
  private final PacketPath path;
  private final SfuProperties properties;
  private final DelayWindow delay;

  BridgeMeters(ConferenceRegistry registry, TrafficCounters traffic, PacketPath path,
      ForwardingDelay delay, SfuProperties properties) {
    this.registry = registry;
    this.traffic = traffic;
    this.path = path;
    this.properties = properties;
    this.delay = new DelayWindow(delay);
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    Gauge.builder("chorus.sfu.conferences", registry, r -> r.conferences().size())
        .description("Conferences on this bridge").register(meters);
    Gauge.builder("chorus.sfu.endpoints", registry, ConferenceRegistry::endpointCount)
        .description("Endpoints allocated on this bridge, over all conferences").register(meters);
    Gauge.builder("chorus.sfu.stress", this, BridgeMeters::stress)
        .description("Packets in plus out per second as a share of "
            + "chorus.sfu.capacity-packets-per-second (0..1), as stress_level in /colibri/stats")
        .register(meters);

    String packets = "Datagrams through the media socket: in received, out sent";
    traffic(meters, "chorus.sfu.packets", "in", TrafficCounters::packetsIn, null, packets);
    traffic(meters, "chorus.sfu.packets", "out", TrafficCounters::packetsOut, null, packets);
    String bytes = "Bytes through the media socket: in received, out sent";
    traffic(meters, "chorus.sfu.bytes", "in", TrafficCounters::bytesIn, BaseUnits.BYTES, bytes);
    traffic(meters, "chorus.sfu.bytes", "out", TrafficCounters::bytesOut, BaseUnits.BYTES, bytes);

    for (PacketStage stage : path.stages()) {
      FunctionCounter.builder("chorus.sfu.packets.dropped", stage, PacketStage::dropped)
          .tag("stage", stage.name())
          .description("Packets a stage of the packet path stopped (see packet_path in "
              + "/colibri/stats)")
          .register(meters);
    }

    String handshakes = "DTLS handshakes by outcome: completed (SRTP keys installed) or failed";
    FunctionCounter.builder("chorus.sfu.dtls.handshakes", registry,
            ConferenceRegistry::dtlsCompleted)
        .tag("outcome", "completed").description(handshakes).register(meters);
    FunctionCounter.builder("chorus.sfu.dtls.handshakes", registry, ConferenceRegistry::dtlsFailed)
        .tag("outcome", "failed").description(handshakes).register(meters);

    Gauge.builder("chorus.sfu.relays", registry, ConferenceRegistry::relayCount)
        .description("Relays to other bridges, over all conferences").register(meters);
    String relayPackets = "RTP and RTCP over relays to other bridges: in received, out sent";
    FunctionCounter.builder("chorus.sfu.relay.packets", registry,
            ConferenceRegistry::relayPacketsReceived)
        .tag("direction", "in").description(relayPackets).register(meters);
    FunctionCounter.builder("chorus.sfu.relay.packets", registry,
            ConferenceRegistry::relayPacketsSent)
        .tag("direction", "out").description(relayPackets).register(meters);

    for (double quantile : new double[] {0.5, 0.99, 1.0}) {
      TimeGauge.builder("chorus.sfu.forwarding.delay", delay, TimeUnit.NANOSECONDS,
              d -> d.quantileNanos(quantile))
          .tag("quantile", Double.toString(quantile))
          .description("Added delay per forwarded copy (arrival to send) over the copies "
              + "forwarded since an earlier reading (at least 10 s earlier); NaN when none")
          .register(meters);
    }
  }

  private double stress() {
    return traffic.rates().stressLevel(properties.capacityPacketsPerSecond());
  }

  private void traffic(MeterRegistry meters, String name, String direction,
      ToLongFunction<TrafficCounters> count, String baseUnit, String description) {
    FunctionCounter.builder(name, traffic, t -> count.applyAsLong(t))
        .tag("direction", direction).baseUnit(baseUnit).description(description)
        .register(meters);
  }

  /**
   * Takes interval histograms from {@link ForwardingDelay} when read: at most once per
   * {@link #DELAY_WINDOW_NANOS} while copies are being forwarded, so that every quantile of one
   * scrape comes from the same stretch of traffic and frequent scrapes still see a meaningful
   * sample; at every reading while the last window held none.
   */
  private static final class DelayWindow {

    private final ForwardingDelay delay;
    private Histogram last;
    private long takenNanos;

    DelayWindow(ForwardingDelay delay) {
      this.delay = delay;
    }

    synchronized double quantileNanos(double quantile) {
      long now = System.nanoTime();
      if (last == null || last.getTotalCount() == 0 || now - takenNanos >= DELAY_WINDOW_NANOS) {
        last = delay.intervalHistogram();
        takenNanos = now;
      }
      if (last.getTotalCount() == 0) {
        return Double.NaN;
      }
      return quantile >= 1.0 ? last.getMaxValue() : last.getValueAtPercentile(quantile * 100);
    }
  }
}
