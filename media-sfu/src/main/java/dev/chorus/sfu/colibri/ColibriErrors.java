package dev.chorus.sfu.colibri;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Colibri2 errors as RFC 9457 problem details. The status codes are Jitsi Videobridge's (400 for
 * a refused request, 404 for an unknown conference); the body says what was wrong in JSON where
 * the original bridge answers HTML or nothing.
 */
@RestControllerAdvice(assignableTypes = ColibriController.class)
class ColibriErrors {

  @ExceptionHandler(ColibriException.class)
  ProblemDetail refused(ColibriException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(e.type());
    problem.setTitle(e.status().getReasonPhrase());
    return problem;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "could not parse JSON: " + rootMessage(e));
    problem.setType(URI.create("https://chorus.dev/problems/colibri2/malformed-json"));
    problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
    return problem;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
