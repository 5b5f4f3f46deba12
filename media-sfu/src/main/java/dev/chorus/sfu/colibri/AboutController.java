package dev.chorus.sfu.colibri;

import dev.chorus.colibri2.BridgeVersion;
import dev.chorus.sfu.media.MediaSocket;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /about/health} (200, empty body, like Jitsi Videobridge) and {@code /about/version}. */
@RestController
class AboutController {

  static final String NAME = "media-sfu";

  private final MediaSocket socket;

  AboutController(MediaSocket socket) {
    this.socket = socket;
  }

  @GetMapping("/about/health")
  ResponseEntity<Void> health() {
    return ResponseEntity.status(socket.isHealthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .build();
  }

  @GetMapping("/about/version")
  BridgeVersion version() {
    return new BridgeVersion(NAME, bridgeVersion(), System.getProperty("os.name"));
  }

  static String bridgeVersion() {
    String v = AboutController.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
