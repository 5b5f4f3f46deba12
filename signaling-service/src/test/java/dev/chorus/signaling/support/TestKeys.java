package dev.chorus.signaling.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chorus.auth.TokenClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

/**
 * A signing key of the tests' own, published as a JWKS file, for tests of the socket itself that do
 * not involve room-service (which issues the real tokens). The verifier reads it like room-service's
 * key set: {@code chorus.signaling.jwks-uri=file:...}.
 */
public final class TestKeys {

    private final ECKey key;
    private final URI jwksUri;

    private TestKeys(ECKey key, URI jwksUri) {
        this.key = key;
        this.jwksUri = jwksUri;
    }

    public static TestKeys create() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("test-key").generate();
            Path file = Files.createTempFile("chorus-test-jwks", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
            return new TestKeys(key, file.toUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI jwksUri() {
        return jwksUri;
    }

    public String token(String userId, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).issuer(TokenClaims.ISSUER)
                    .audience(TokenClaims.AUDIENCE).claim(TokenClaims.USERNAME, userId)
                    .claim(TokenClaims.DISPLAY_NAME, "User " + userId).expirationTime(Date.from(expiresAt)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String token(String userId) {
        return token(userId, Instant.now().plusSeconds(3600));
    }
}
