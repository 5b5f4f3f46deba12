package dev.chorus.signaling.socket;

import dev.chorus.auth.TokenVerifier;
import dev.chorus.signaling.SignalingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthConfig {

    /** Fetches room-service's key set on first use and caches it, so room-service may start later. */
    @Bean
    TokenVerifier tokenVerifier(SignalingProperties properties) {
        return TokenVerifier.forJwksUri(properties.effectiveJwksUri());
    }
}
