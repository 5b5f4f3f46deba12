package dev.chorus.launcher.gateway;

import dev.chorus.launcher.services.ServiceCatalog;
import dev.chorus.launcher.services.ServiceContexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwards {@code /api/**} and {@code /.well-known/**} to room-service unchanged (method, path,
 * query, headers, body) and streams its answer back, so the browser sees one origin.
 */
@RestController
class ApiProxy {

    static final URI SERVICE_NOT_RUNNING = URI.create("https://chorus.dev/problems/launcher/service-not-running");
    static final URI SERVICE_UNREACHABLE = URI.create("https://chorus.dev/problems/launcher/service-unreachable");

    /** Hop-by-hop headers (RFC 9110 section 7.6.1) and those the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");

    private final ServiceContexts services;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    ApiProxy(ServiceContexts services) {
        this.services = services;
    }

    @RequestMapping({"/api/**", "/.well-known/**"})
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        URI base = services.urlOf(ServiceCatalog.ROOM).orElseThrow(() -> notRunning(ServiceCatalog.ROOM));
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder upstream = HttpRequest.newBuilder(base.resolve(request.getRequestURI() + query))
                .method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(request.getInputStream().readAllBytes()));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                Collections.list(request.getHeaders(name)).forEach(value -> upstream.header(name, value));
            }
        }
        upstream.header("X-Forwarded-Host", String.valueOf(request.getHeader("Host")));
        upstream.header("X-Forwarded-Proto", request.getScheme());
        upstream.header("X-Forwarded-For", request.getRemoteAddr());

        HttpResponse<InputStream> answer;
        try {
            answer = client.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                    ServiceCatalog.ROOM + " did not answer: " + e.getMessage());
            problem.setType(SERVICE_UNREACHABLE);
            throw new ErrorResponseException(HttpStatus.BAD_GATEWAY, problem, e);
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        try (InputStream body = answer.body()) {
            body.transferTo(response.getOutputStream());
        }
    }

    static ErrorResponseException notRunning(String service) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is not part of this launcher build");
        problem.setType(SERVICE_NOT_RUNNING);
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
    }
}
