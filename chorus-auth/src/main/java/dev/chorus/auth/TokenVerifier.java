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
import java.util.Set;

/**
 * Verifies Chorus access tokens: ES256 signatures by a key from room-service's JWKS document, issuer
 * and audience {@code chorus}, not expired. Thread-safe; the remote key set is cached and refetched
 * when a token names an unknown key, so key rotation needs no restart.
 */
public final class TokenVerifier {

    private final ConfigurableJWTProcessor<SecurityContext> processor;

    private TokenVerifier(JWKSource<SecurityContext> keys) {
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
            return new TokenVerifier(JWKSourceBuilder.create(jwksUri.toURL()).retrying(true).build());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwksUri, e);
        }
    }

    /** A verifier for a key set already in hand, as the issuing service itself has it. */
    public static TokenVerifier forKeys(JWKSet keys) {
        return new TokenVerifier(new ImmutableJWKSet<>(keys));
    }

    public ChorusPrincipal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("No access token");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return new ChorusPrincipal(claims.getSubject(), claims.getStringClaim(TokenClaims.USERNAME),
                    claims.getStringClaim(TokenClaims.DISPLAY_NAME));
        } catch (ParseException e) {
            throw new InvalidTokenException("Malformed access token", e);
        } catch (Exception e) {
            throw new InvalidTokenException("Access token refused: " + e.getMessage(), e);
        }
    }
}
