package dev.chorus.signaling.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** ProblemDetails with a stable {@code type} URI per error code. */
public final class Problems {

    private static final String TYPE_BASE = "https://chorus.dev/problems/signaling/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        return problem;
    }
}
