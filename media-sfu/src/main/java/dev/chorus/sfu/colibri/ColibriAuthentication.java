package dev.chorus.sfu.colibri;

import dev.chorus.sfu.SfuProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call the Colibri2 API. With {@code chorus.sfu.api-token} set, every {@code /colibri/*}
 * request (conferences and stats) must carry {@code Authorization: Bearer <token>}; anything else
 * is answered 401 before a controller runs, so a refused request allocates nothing. Blank leaves
 * the API open, as Jitsi Videobridge's is, for bridges on a private network. {@code /about/*} and
 * the actuator endpoints are never checked: health checks and scrapers call them.
 */
@Configuration(proxyBeanMethods = false)
class ColibriAuthentication {

  private static final Logger log = LoggerFactory.getLogger(ColibriAuthentication.class);

  @Bean
  FilterRegistrationBean<TokenFilter> colibriTokenFilter(SfuProperties properties,
      JsonMapper json) {
    if (properties.apiToken().isEmpty()) {
      log.warn("chorus.sfu.api-token is blank: the Colibri2 API answers anyone who reaches it; "
          + "set CHORUS_SFU_API_TOKEN, or keep this bridge's HTTP port on a private network");
    }
    FilterRegistrationBean<TokenFilter> registration =
        new FilterRegistrationBean<>(new TokenFilter(properties.apiToken(), json));
    registration.addUrlPatterns("/colibri/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Compares the presented bearer token with the configured one in constant time. */
  static final class TokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;
    private final JsonMapper json;

    TokenFilter(String token, JsonMapper json) {
      this.expectedDigest = token.isEmpty() ? null : sha256(token);
      this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return expectedDigest == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
        FilterChain chain) throws ServletException, IOException {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      String refusal;
      if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        refusal = "no bearer token";
      } else if (!MessageDigest.isEqual(expectedDigest,
          sha256(header.substring(BEARER.length()).strip()))) {
        refusal = "wrong bearer token";
      } else {
        chain.doFilter(request, response);
        return;
      }
      log.warn("Refused Colibri2 call {} {} from {}: {}", request.getMethod(),
          request.getRequestURI(), request.getRemoteAddr(), refusal);
      refuse(response, refusal);
    }

    /** A problem detail like {@link ColibriErrors}' answers, written before Spring MVC runs. */
    private void refuse(HttpServletResponse response, String refusal) throws IOException {
      ColibriException e = ColibriException.unauthorized(
          "This bridge's Colibri2 API needs Authorization: Bearer <chorus.sfu.api-token>; the "
              + "request has " + refusal);
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", e.type().toString());
      problem.put("title", e.status().getReasonPhrase());
      problem.put("status", e.status().value());
      problem.put("detail", e.getMessage());
      response.setStatus(e.status().value());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"colibri\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static byte[] sha256(String token) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
  }
}
