package dev.chorus.launcher.gateway;

import dev.chorus.launcher.services.ServiceCatalog;
import dev.chorus.launcher.services.ServiceContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Relays {@code /ws} to signaling-service. The upstream socket is opened during the browser's
 * handshake, so signaling's answer to the handshake (e.g. 401 for a missing or bad token) reaches
 * the browser unchanged; after that, text frames and closes pass through in both directions.
 */
class WebSocketProxy extends TextWebSocketHandler implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WebSocketProxy.class);
    private static final String UPSTREAM = "chorus.upstream";
    private static final int SEND_BUFFER_BYTES = 512 * 1024;

    private final ServiceContexts services;
    private final HttpClient client = HttpClient.newHttpClient();

    WebSocketProxy(ServiceContexts services) {
        this.services = services;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        URI base = services.urlOf(ServiceCatalog.SIGNALING).orElse(null);
        if (base == null) {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        String query = request.getURI().getRawQuery();
        URI target = URI.create("ws://" + base.getAuthority() + request.getURI().getRawPath() + (query == null ? "" : "?" + query));
        Relay relay = new Relay();
        WebSocket.Builder builder = client.newWebSocketBuilder();
        String origin = request.getHeaders().getOrigin();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            relay.upstream = builder.buildAsync(target, relay).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                response.setStatusCode(HttpStatus.valueOf(refused.getResponse().statusCode()));
            } else {
                log.warn("signaling-service did not accept a WebSocket: {}", String.valueOf(e.getMessage()));
                response.setStatusCode(HttpStatus.BAD_GATEWAY);
            }
            return false;
        }
        attributes.put(UPSTREAM, relay);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        relay(session).attach(new ConcurrentWebSocketSessionDecorator(session, 10_000, SEND_BUFFER_BYTES));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // The handler is called once at a time per session, and each send completes before the next.
        relay(session).upstream.sendText(message.getPayload(), true).join();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        WebSocket upstream = relay(session).upstream;
        if (!upstream.isOutputClosed()) {
            int code = status.getCode() == CloseStatus.NO_STATUS_CODE.getCode() ? WebSocket.NORMAL_CLOSURE : status.getCode();
            upstream.sendClose(code, status.getReason() == null ? "" : status.getReason());
        }
    }

    private static Relay relay(WebSocketSession session) {
        return (Relay) session.getAttributes().get(UPSTREAM);
    }

    /** Frames from signaling to the browser; it reads the next one only after the browser side is attached. */
    private static final class Relay implements WebSocket.Listener {
        private volatile WebSocket upstream;
        private volatile WebSocketSession downstream;
        private final StringBuilder partial = new StringBuilder();

        void attach(WebSocketSession session) {
            downstream = session;
            upstream.request(1);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // No request(1) yet: frames wait in signaling's socket until the browser side exists.
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    downstream.sendMessage(new TextMessage(frame));
                } catch (Exception e) {
                    webSocket.abort();
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeDownstream(new CloseStatus(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeDownstream(CloseStatus.SERVER_ERROR);
        }

        private void closeDownstream(CloseStatus status) {
            WebSocketSession session = downstream;
            if (session != null && session.isOpen()) {
                try {
                    session.close(status);
                } catch (Exception e) {
                    log.debug("browser socket already gone: {}", e.getMessage());
                }
            }
        }
    }
}
