package dev.chorus.voice.api;

import dev.chorus.voice.colibri.Colibri2Exception;
import dev.chorus.voice.sdp.InvalidSdpException;
import dev.chorus.voice.session.NoBridgeException;
import dev.chorus.voice.session.UnknownSessionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as a ProblemDetail. The codes tell the worker what to do: {@code no-bridge} and
 * {@code bridge-error} may succeed later (retry), the others will not.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NoBridgeException.class)
    ProblemDetail noBridge(NoBridgeException e) {
        return ApiProblem.problem(HttpStatus.SERVICE_UNAVAILABLE, "no-bridge", e.getMessage());
    }

    @ExceptionHandler(Colibri2Exception.class)
    ProblemDetail bridgeError(Colibri2Exception e) {
        log.warn("Bridge request failed: {}", e.getMessage());
        return ApiProblem.problem(HttpStatus.BAD_GATEWAY, "bridge-error", e.getMessage());
    }

    @ExceptionHandler(InvalidSdpException.class)
    ProblemDetail invalidSdp(InvalidSdpException e) {
        return ApiProblem.problem(HttpStatus.BAD_REQUEST, "invalid-sdp", e.getMessage());
    }

    @ExceptionHandler(UnknownSessionException.class)
    ProblemDetail unknownSession(UnknownSessionException e) {
        return ApiProblem.problem(HttpStatus.NOT_FOUND, "unknown-session", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ApiProblem.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Unexpected error: " + e.getClass().getSimpleName());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(java.net.URI.create(ApiProblem.TYPE_BASE + "invalid-request"));
            problem.setProperty("code", "invalid-request");
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }
}
