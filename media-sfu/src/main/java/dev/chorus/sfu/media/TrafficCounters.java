package dev.chorus.sfu.media;

import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/** Datagrams and bytes through the media socket, both directions, and the rates last measured. */
@Component
public class TrafficCounters {

  private final LongAdder packetsIn = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder packetsOut = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private volatile Rates rates = new Rates(0, 0, 0, 0);
  private long lastNanos = System.nanoTime();
  private long lastPacketsIn;
  private long lastBytesIn;
  private long lastPacketsOut;
  private long lastBytesOut;

  void received(int bytes) {
    packetsIn.increment();
    bytesIn.add(bytes);
  }

  void sent(int bytes) {
    packetsOut.increment();
    bytesOut.add(bytes);
  }

  public long packetsIn() {
    return packetsIn.sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long packetsOut() {
    return packetsOut.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public Rates rates() {
    return rates;
  }

  /** Computes per-second rates since the previous call (housekeeping thread only). */
  public synchronized void sample(long nowNanos) {
    double seconds = (nowNanos - lastNanos) / 1e9;
    if (seconds <= 0) {
      return;
    }
    long pIn = packetsIn();
    long bIn = bytesIn();
    long pOut = packetsOut();
    long bOut = bytesOut();
    rates = new Rates(Math.round((pIn - lastPacketsIn) / seconds),
        Math.round((pOut - lastPacketsOut) / seconds),
        Math.round((bIn - lastBytesIn) * 8 / seconds),
        Math.round((bOut - lastBytesOut) * 8 / seconds));
    lastNanos = nowNanos;
    lastPacketsIn = pIn;
    lastBytesIn = bIn;
    lastPacketsOut = pOut;
    lastBytesOut = bOut;
  }

  /** Packets per second and bits per second, into the bridge (download) and out (upload). */
  public record Rates(long packetsIn, long packetsOut, long bitsIn, long bitsOut) {

    /** Packets in plus out per second as a share of the capacity, at most 1. */
    public double stressLevel(long capacityPacketsPerSecond) {
      return Math.min(1.0, (packetsIn + packetsOut) / (double) capacityPacketsPerSecond);
    }
  }
}
