package dev.chorus.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies Chorus access tokens: ES256 signatures by a key from room-service's JWKS document, issuer
 * and audience {@code chorus}, not expired. Thread-safe; the remote key set is cached and refetched
 * when a token names an unknown key, so key rotation needs no restart.
 */
public final class TokenVerifier {

    /** Bounds the memory of recently verified tokens; past it the memory starts afresh. */
    private static final int REMEMBERED_TOKENS = 50_000;

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Clock clock;
    /**
     * Tokens whose signature and claims were already checked, with their expiry: a client sends the
     * same token with every request, and an ECDSA verification costs far more than the rest of a
     * typical request's authentication. Expiry is checked again on every use.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(ChorusPrincipal principal, Instant expiresAt) {
    }

    private TokenVerifier(JWKSource<SecurityContext> keys, Clock clock) {
        this.clock = clock;
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        jwt.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(TokenClaims.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).build(),
                Set.of("sub", "exp", TokenClaims.USERNAME)));
        this.processor = jwt;
    }

    /** A verifier that fetches (and caches) the key set from room-service's JWKS URL. */
    public static TokenVerifier forJwksUri(URI jwksUri) {
        try {
            return new TokenVerifier(JWKSourceBuilder.create(jwksUri.toURL()).retrying(true).build(), Clock.systemUTC());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUri, e);
        }
    }

    /** A verifier for a key set already in hand, as the issuing service itself has it. */
    public static TokenVerifier forKeys(JWKSet keys) {
        return forKeys(keys, Clock.systemUTC());
    }

    static TokenVerifier forKeys(JWKSet keys, Clock clock) {
        return new TokenVerifier(new ImmutableJWKSet<>(keys), clock);
    }

    public ChorusPrincipal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("No access token");
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return known.principal();
            }
            verified.remove(token);
            throw new InvalidTokenException("Access token refused: expired");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            ChorusPrincipal principal = new ChorusPrincipal(claims.getSubject(),
                    claims.getStringClaim(TokenClaims.USERNAME), claims.getStringClaim(TokenClaims.DISPLAY_NAME));
            if (verified.size() >= REMEMBERED_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(principal, claims.getExpirationTime().toInstant()));
            return principal;
        } catch (ParseException e) {
            throw new InvalidTokenException("Malformed access token", e);
        } catch (Exception e) {
            throw new InvalidTokenException("Access token refused: " + e.getMessage(), e);
        }
    }
}
