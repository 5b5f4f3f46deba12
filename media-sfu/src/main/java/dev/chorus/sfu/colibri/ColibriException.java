package dev.chorus.sfu.colibri;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** A refused Colibri2 request: its status, a stable problem type and what was wrong. */
public class ColibriException extends RuntimeException {

  private final HttpStatus status;
  private final URI type;

  ColibriException(HttpStatus status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = URI.create("https://chorus.dev/problems/colibri2/" + type);
  }

  static ColibriException badRequest(String type, String detail) {
    return new ColibriException(HttpStatus.BAD_REQUEST, type, detail);
  }

  static ColibriException conflict(String type, String detail) {
    return new ColibriException(HttpStatus.CONFLICT, type, detail);
  }

  static ColibriException unavailable(String type, String detail) {
    return new ColibriException(HttpStatus.SERVICE_UNAVAILABLE, type, detail);
  }

  static ColibriException unauthorized(String detail) {
    return new ColibriException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
  }

  static ColibriException conferenceNotFound(String meetingId) {
    return new ColibriException(HttpStatus.NOT_FOUND, "conference-not-found",
        "Conference not found for ID: " + meetingId);
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }
}
