package dev.chorus.voice;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of voice-service ({@code chorus.voice.*}); defaults are commented in {@code application.yml}.
 *
 * @param serviceToken       shared secret other services present as {@code Authorization: Bearer};
 *                           while blank every internal request is refused
 * @param defaultRegion      region of members who name none (or name one without bridges)
 * @param bridges            the bridge fleet
 * @param pollInterval       how often each bridge's health and stats are read
 * @param failuresBeforeDown consecutive failed polls after which a bridge counts as lost and its
 *                           members are moved
 * @param requestTimeout     connect and read timeout of every request to a bridge
 * @param conferenceDomain   domain part of the conference names given to bridges
 * @param relayRetryInterval how often the relays of rooms whose regions could not all be linked
 *                           are tried again (a bridge refused or did not answer a relay request)
 */
@ConfigurationProperties("chorus.voice")
public record VoiceProperties(
        @DefaultValue("") String serviceToken,
        @DefaultValue("local") String defaultRegion,
        @DefaultValue List<Bridge> bridges,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("2") int failuresBeforeDown,
        @DefaultValue("2s") Duration requestTimeout,
        @DefaultValue("conference.chorus") String conferenceDomain,
        @DefaultValue("10s") Duration relayRetryInterval) {

    public VoiceProperties {
        bridges = bridges == null ? List.of() : List.copyOf(bridges);
    }

    /**
     * One bridge as configured.
     *
     * @param name       stable identifier, used in Redis and logs
     * @param region     region the bridge serves
     * @param baseUrl    where its Colibri2 REST API, {@code /about/health} and {@code /colibri/stats} answer
     * @param publicName name shown to clients in their voice session, for diagnostics
     * @param apiToken   bearer token sent with every request to this bridge when set (media-sfu's
     *                   {@code chorus.sfu.api-token}); blank sends none, as Jitsi Videobridge expects
     */
    public record Bridge(String name, String region, URI baseUrl, String publicName, String apiToken) {

        public Bridge {
            apiToken = apiToken == null ? "" : apiToken.strip();
        }

        public String displayName() {
            return publicName == null || publicName.isBlank() ? name : publicName;
        }

        public boolean hasApiToken() {
            return !apiToken.isEmpty();
        }

        /** Leaves the token out, so that logging a bridge never prints it. */
        @Override
        public String toString() {
            return "Bridge[name=" + name + ", region=" + region + ", baseUrl=" + baseUrl
                    + ", apiToken=" + (hasApiToken() ? "(set)" : "(none)") + "]";
        }
    }
}
