package dev.chorus.sfu.media;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.stereotype.Component;

/**
 * The bridge's added delay per forwarded copy: from the datagram's arrival (after the socket
 * read) to the copy's send returning. Recorded wait-free on the packet thread; a reader takes
 * interval histograms.
 */
@Component
public class ForwardingDelay {

  private final Recorder recorder = new Recorder(3);

  void record(long nanos) {
    recorder.recordValue(nanos);
  }

  /** The delays recorded since the previous call, in nanoseconds. */
  public Histogram intervalHistogram() {
    return recorder.getIntervalHistogram();
  }
}
