package dev.chorus.room.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.auth.TokenClaims;
import dev.chorus.room.RoomServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access tokens for logged-in users. */
@Component
public class TokenIssuer {

    private final SigningKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final ECDSASigner signer;

    TokenIssuer(SigningKeys keys, RoomServiceProperties properties, Clock clock) throws JOSEException {
        this.keys = keys;
        this.ttl = properties.tokenTtl();
        this.clock = clock;
        this.signer = new ECDSASigner(keys.signingKey());
    }

    public IssuedToken issue(ChorusPrincipal user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .subject(user.userId())
                .claim(TokenClaims.USERNAME, user.username())
                .claim(TokenClaims.DISPLAY_NAME, user.displayName())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(keys.signingKey().getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    public record IssuedToken(String value, long expiresInSeconds) {
    }
}
