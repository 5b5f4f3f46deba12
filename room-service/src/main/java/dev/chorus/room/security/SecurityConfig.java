package dev.chorus.room.security;

import dev.chorus.auth.TokenVerifier;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless bearer-token security: registration, login, the JWKS, health, metrics and the API docs are
 * open; everything else under {@code /api} needs a valid access token. Finer rules (only moderators
 * moderate, only members chat) are decided by the room rules themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Delegating encoder: bcrypt today, with the algorithm id stored so hashes can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    TokenVerifier localTokenVerifier(SigningKeys keys) {
        return TokenVerifier.forKeys(keys.publicKeys());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenVerifier verifier, ProblemResponses problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokenFilter(verifier, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(response, 401, "unauthenticated", "Sign in first: this needs an access token"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, 403, "forbidden", "You may not do this")))
                .build();
    }
}
