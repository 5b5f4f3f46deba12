package dev.chorus.room.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.chorus.room.RoomServiceProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ES256 key pair that signs access tokens. Its public half is the JWKS document other services
 * verify against. With {@code chorus.room.signing-key-file} set, the key survives restarts (and is
 * shared by every room-service replica reading the same file); without it, each start makes a new key
 * and earlier tokens stop verifying.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final ECKey signingKey;

    SigningKeys(RoomServiceProperties properties) {
        this.signingKey = properties.signingKeyFile() == null ? generate() : loadOrCreate(properties.signingKeyFile());
    }

    public ECKey signingKey() {
        return signingKey;
    }

    /** The public keys only. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    private static ECKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Signing tokens with the key in {}", file);
                return ECKey.parse(Files.readString(file));
            }
            ECKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key.toJSONString());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the operator protects the file
            }
            log.info("Generated a token signing key and stored it in {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key file " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key file " + file + " does not hold an EC JWK", e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an ES256 key", e);
        }
    }
}
