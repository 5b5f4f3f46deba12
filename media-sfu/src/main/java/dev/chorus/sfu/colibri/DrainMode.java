package dev.chorus.sfu.colibri;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drain mode, as Jitsi Videobridge offers it: {@code POST /colibri/drain/enable} and
 * {@code /disable}, shown as {@code drain} in the stats. A draining bridge keeps serving its
 * conferences and still accepts requests; Colibri2 clients that read the stats (voice-service,
 * Jicofo) place no new conference on it, so it empties as its rooms end.
 */
@RestController
class DrainMode {

  private static final Logger log = LoggerFactory.getLogger(DrainMode.class);

  private final AtomicBoolean on = new AtomicBoolean();

  boolean isOn() {
    return on.get();
  }

  @GetMapping("/colibri/drain")
  Map<String, Boolean> state() {
    return Map.of("drain", on.get());
  }

  @PostMapping("/colibri/drain/enable")
  void enable() {
    if (on.compareAndSet(false, true)) {
      log.info("Drain mode on: Colibri2 clients are asked to place no new conference here");
    }
  }

  @PostMapping("/colibri/drain/disable")
  void disable() {
    if (on.compareAndSet(true, false)) {
      log.info("Drain mode off: new conferences are welcome again");
    }
  }
}
