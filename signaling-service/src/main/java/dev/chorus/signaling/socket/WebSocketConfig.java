package dev.chorus.signaling.socket;

import dev.chorus.auth.TokenVerifier;
import dev.chorus.signaling.SignalingProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

    /**
     * The container's per-socket message buffers. Text arrives in parts of at most this many
     * characters ({@link FrameAssembler} joins them), so it bounds memory per socket, not frame size.
     */
    private static final int TEXT_BUFFER_CHARS = 2048;
    /** Clients send no binary frames; the buffer exists anyway, so keep it small. */
    private static final int BINARY_BUFFER_BYTES = 256;
    /**
     * Tomcat's per-connection socket read and write buffers (8 KiB each by default). Frames are small
     * and a node holds thousands of sockets, so half of that saves 8 KiB per socket.
     */
    private static final String SOCKET_BUFFER_BYTES = "4096";

    private final SignalingSocketHandler handler;
    private final SignalingProperties properties;
    private final TokenVerifier verifier;
    private final JsonMapper json;

    WebSocketConfig(SignalingSocketHandler handler, SignalingProperties properties, TokenVerifier verifier,
            JsonMapper json) {
        this.handler = handler;
        this.properties = properties;
        this.verifier = verifier;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws")
                .addInterceptors(new TokenHandshakeInterceptor(verifier, json))
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
    }

    @Bean
    TomcatConnectorCustomizer smallerSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", SOCKET_BUFFER_BYTES);
            connector.setProperty("socket.appWriteBufSize", SOCKET_BUFFER_BYTES);
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setMaxSessionIdleTimeout(properties.idleTimeout().toMillis());
        container.setAsyncSendTimeout(properties.sendTimeLimit().toMillis());
        return container;
    }
}
