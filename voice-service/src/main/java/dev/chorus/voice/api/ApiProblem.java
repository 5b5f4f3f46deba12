package dev.chorus.voice.api;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An RFC 9457 problem with a stable type URI {@code https://chorus.dev/problems/voice/<code>}. */
class ApiProblem extends ErrorResponseException {

    static final String TYPE_BASE = "https://chorus.dev/problems/voice/";

    ApiProblem(HttpStatusCode status, String code, String detail) {
        super(status, problem(status, code, detail), null);
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setProperty("code", code);
        return problem;
    }
}
