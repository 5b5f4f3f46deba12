package dev.chorus.signaling.socket;

import com.nimbusds.jwt.JWTParser;
import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.auth.InvalidTokenException;
import dev.chorus.auth.TokenVerifier;
import dev.chorus.signaling.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the {@code access_token} query parameter before the upgrade; without a valid token the
 * answer is a 401 ProblemDetail and no socket opens.
 */
class TokenHandshakeInterceptor implements HandshakeInterceptor {

    static final String PRINCIPAL = "chorus.principal";
    static final String TOKEN = "chorus.token";
    static final String TOKEN_EXPIRES_AT = "chorus.tokenExpiresAt";

    private static final Logger log = LoggerFactory.getLogger(TokenHandshakeInterceptor.class);

    private final TokenVerifier verifier;
    private final JsonMapper json;

    TokenHandshakeInterceptor(TokenVerifier verifier, JsonMapper json) {
        this.verifier = verifier;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("access_token");
        try {
            ChorusPrincipal principal = verifier.verify(token);
            attributes.put(PRINCIPAL, principal);
            attributes.put(TOKEN, token);
            attributes.put(TOKEN_EXPIRES_AT, expiryOf(token));
            return true;
        } catch (InvalidTokenException e) {
            log.info("Refused a WebSocket handshake from {}: {}", request.getRemoteAddress(), e.getMessage());
            ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Open the socket with a valid access token: /ws?access_token=<jwt>");
            problem.setInstance(URI.create(request.getURI().getPath()));
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(json.writeValueAsBytes(problem));
            return false;
        }
    }

    /** The token was verified just before, so reading its expiry without checking again is safe. */
    private static Instant expiryOf(String token) {
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return exp != null ? exp.toInstant() : null;
        } catch (ParseException e) {
            return null;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
