package dev.chorus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private final ECKey issuerKey = generate("k1");
    private final TokenVerifier verifier = TokenVerifier.forKeys(new JWKSet(issuerKey.toPublicJWK()));

    @Test
    void acceptsATokenSignedByTheIssuer() throws Exception {
        ChorusPrincipal principal = verifier.verify(sign(issuerKey, claims(Instant.now().plusSeconds(60))));

        assertThat(principal).isEqualTo(new ChorusPrincipal("u-1", "ada", "Ada L."));
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String token = sign(issuerKey, claims(Instant.now().minusSeconds(600)));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesATokenSignedByAnotherKeyWithTheSameKeyId() throws Exception {
        String forged = sign(generate("k1"), claims(Instant.now().plusSeconds(60)));

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenVerifiedEarlierIsRefusedOnceItExpires() throws Exception {
        Instant expiry = Instant.now().plusSeconds(60);
        MovableClock clock = new MovableClock(Instant.now());
        TokenVerifier remembering = TokenVerifier.forKeys(new JWKSet(issuerKey.toPublicJWK()), clock);
        String token = sign(issuerKey, claims(expiry));

        assertThat(remembering.verify(token).userId()).isEqualTo("u-1");
        assertThat(remembering.verify(token).userId()).as("again, from memory").isEqualTo("u-1");
        clock.now = expiry.plusSeconds(1);
        assertThatThrownBy(() -> remembering.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    private static final class MovableClock extends java.time.Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refusesGarbageAndMissingTokens() {
        assertThatThrownBy(() -> verifier.verify("not.a.token")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    private static JWTClaimsSet claims(Instant expiry) {
        return new JWTClaimsSet.Builder().subject("u-1").issuer(TokenClaims.ISSUER)
                .audience(TokenClaims.AUDIENCE).claim(TokenClaims.USERNAME, "ada")
                .claim(TokenClaims.DISPLAY_NAME, "Ada L.").expirationTime(Date.from(expiry)).build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
