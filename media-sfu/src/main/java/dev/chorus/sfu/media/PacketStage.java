package dev.chorus.sfu.media;

import java.util.concurrent.atomic.LongAdder;

/** One named step of the packet path, counting what it passes on and what it stops. */
public final class PacketStage {

  private final String name;
  private final LongAdder passed = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  PacketStage(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  void pass() {
    passed.increment();
  }

  void drop() {
    dropped.increment();
  }

  void drop(long count) {
    dropped.add(count);
  }

  public long passed() {
    return passed.sum();
  }

  public long dropped() {
    return dropped.sum();
  }
}
