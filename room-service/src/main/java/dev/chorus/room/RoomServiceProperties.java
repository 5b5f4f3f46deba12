package dev.chorus.room;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of room-service under {@code chorus.room}; defaults are documented in application.yml.
 *
 * @param tokenTtl         how long an access token is valid
 * @param signingKeyFile   PEM-less JWK file holding the ES256 signing key; generated and written there
 *                         on first start when absent; when unset a fresh key is made at every start
 * @param speakerLimit     default and maximum number of people on a room's stage (host included)
 * @param loginAttempts    failed logins allowed per username and address within {@code loginWindow}
 * @param loginWindow      the window of the login limit
 * @param chatMessages     messages a user may post in one room within {@code chatWindow}
 * @param chatWindow       the window of the chat limit
 * @param endedRoomTtl     how long an ended room's live state stays in Redis to answer late callers
 * @param regionHeader     request header a regional gateway sets to the region its users' voice goes to,
 *                         used when a join names none; blank ignores it
 */
@ConfigurationProperties("chorus.room")
public record RoomServiceProperties(
        @DefaultValue("1h") Duration tokenTtl,
        Path signingKeyFile,
        @DefaultValue("20") int speakerLimit,
        @DefaultValue("10") int loginAttempts,
        @DefaultValue("5m") Duration loginWindow,
        @DefaultValue("5") int chatMessages,
        @DefaultValue("5s") Duration chatWindow,
        @DefaultValue("1h") Duration endedRoomTtl,
        @DefaultValue("X-Chorus-Region") String regionHeader) {

    public RoomServiceProperties {
        regionHeader = regionHeader == null ? "" : regionHeader.strip();
    }
}
