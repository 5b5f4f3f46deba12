package dev.chorus.sfu.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.springframework.stereotype.Component;

/**
 * The bridge's added delay per forwarded copy: from the datagram's arrival (after the socket
 * read) to the copy's send returning, so it includes the wait in the fan-out queue and behind the
 * copies sent before it. Each fan-out thread records into its own single-writer recorder (a
 * shared recorder would bounce one counter's cache line between the threads on every copy); a
 * reader takes the sum of their interval histograms.
 */
@Component
public class ForwardingDelay {

  private static final int SIGNIFICANT_DIGITS = 3;

  private final List<SingleWriterRecorder> recorders = new CopyOnWriteArrayList<>();

  /** A recorder for one fan-out thread; only that thread may record into it. */
  SingleWriterRecorder newRecorder() {
    SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    recorders.add(recorder);
    return recorder;
  }

  /** The delays recorded since the previous call, in nanoseconds. */
  public Histogram intervalHistogram() {
    Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
    for (SingleWriterRecorder recorder : recorders) {
      sum.add(recorder.getIntervalHistogram());
    }
    return sum;
  }
}
