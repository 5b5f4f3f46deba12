package dev.chorus.launcher;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the launcher lets you choose. Each setting is also an environment variable, e.g.
 * {@code chorus.launcher.http-port} is {@code CHORUS_LAUNCHER_HTTP_PORT}.
 *
 * @param httpPort       the one public port: web client, {@code /api}, {@code /.well-known} and {@code /ws}
 * @param bindAddress    where the public port and the bridge's UDP port listen
 * @param dataDir        Mongo data file, Redis append-only file and broker work directory live here
 * @param redisPort      embedded Redis port on 127.0.0.1; 0 picks a free one at every start
 * @param amqpPort       embedded AMQP 0-9-1 broker port on 127.0.0.1; 0 picks a free one
 * @param mongoPort      embedded Mongo-protocol server port on 127.0.0.1; 0 picks a free one
 * @param bridgeUdpPort  UDP port of the in-process media bridge (media-sfu)
 * @param bridgeAddress  address the bridge advertises to browsers as its ICE candidate; blank keeps
 *                       media-sfu's default (127.0.0.1, for browsers on this machine)
 * @param disabledServices service names (e.g. {@code media-sfu}) not to start even when present
 */
@ConfigurationProperties("chorus.launcher")
public record LauncherProperties(
        @DefaultValue("8080") int httpPort,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("data") Path dataDir,
        @DefaultValue("0") int redisPort,
        @DefaultValue("0") int amqpPort,
        @DefaultValue("0") int mongoPort,
        @DefaultValue("10000") int bridgeUdpPort,
        @DefaultValue("") String bridgeAddress,
        @DefaultValue List<String> disabledServices) {
}
