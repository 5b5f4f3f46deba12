package dev.chorus.launcher.gateway;

import dev.chorus.launcher.services.ServiceContexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The public port. The web client is served by Spring Boot's static resource handling from
 * {@code META-INF/resources/} in the web-client jar; {@code /api} and {@code /ws} are relayed.
 */
@Configuration
@EnableWebSocket
class GatewayConfiguration implements WebSocketConfigurer {

    private final ServiceContexts services;

    GatewayConfiguration(ServiceContexts services) {
        this.services = services;
    }

    @Bean
    WebSocketProxy webSocketProxy() {
        return new WebSocketProxy(services);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        WebSocketProxy proxy = webSocketProxy();
        // Any origin: the socket carries a bearer token in its URL, never a cookie, and signaling
        // receives the browser's Origin header to apply its own rule.
        registry.addHandler(proxy, "/ws").addInterceptors(proxy).setAllowedOriginPatterns("*");
    }
}
