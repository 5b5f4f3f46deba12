package dev.chorus.voice.api;

import dev.chorus.voice.VoiceProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses internal requests that do not present the shared service token; a blank token refuses all. */
@Component
class ServiceTokenInterceptor implements HandlerInterceptor {

    private final byte[] expected;

    ServiceTokenInterceptor(VoiceProperties properties) {
        this.expected = ("Bearer " + properties.serviceToken()).getBytes(StandardCharsets.UTF_8);
        if (properties.serviceToken().isBlank()) {
            org.slf4j.LoggerFactory.getLogger(ServiceTokenInterceptor.class)
                    .warn("chorus.voice.service-token is blank: every internal request will be refused");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean valid = expected.length > "Bearer ".length() && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw new ApiProblem(org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid service token is required (Authorization: Bearer <chorus.voice.service-token>).");
        }
        return true;
    }
}
