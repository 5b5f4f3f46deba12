package dev.chorus.sfu.colibri;

import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.DominantSpeakerIdentification;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Colibri2 over REST, as Jitsi Videobridge serves it (audio-only subset). */
@RestController
@RequestMapping(path = "/colibri/v2/conferences", produces = MediaType.APPLICATION_JSON_VALUE)
class ColibriController {

  private final ColibriService colibri;

  ColibriController(ColibriService colibri) {
    this.colibri = colibri;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  Conference create(@RequestBody Conference request) {
    return colibri.post(request);
  }

  @PatchMapping(path = "/{meetingId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Conference change(@PathVariable String meetingId, @RequestBody Conference request) {
    return colibri.patch(meetingId, request);
  }

  @GetMapping("/{meetingId}/dominant-speaker-identification")
  DominantSpeakerIdentification dominantSpeaker(@PathVariable String meetingId) {
    return colibri.dominantSpeaker(meetingId);
  }

  /** Jitsi Videobridge does not list or dump conferences over REST either (501). */
  @GetMapping({"", "/{meetingId}"})
  ResponseEntity<Void> notImplemented() {
    return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).build();
  }
}
