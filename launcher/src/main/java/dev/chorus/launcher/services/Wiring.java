package dev.chorus.launcher.services;

import java.net.URI;
import java.util.Map;

/**
 * What a service needs to know to be wired in: the public address, the bridge's UDP settings, the
 * shared secret of the internal APIs and the in-process bridge's Colibri2 API token (both new at
 * every start) and the internal base URL of every service started before it.
 */
public record Wiring(URI publicUrl, String bindAddress, int bridgeUdpPort, String bridgeAddress, String serviceToken,
        String bridgeApiToken, Map<String, URI> started) {

    /** room-service directly when it runs here, else through the public port (which then answers 503). */
    public URI roomServiceUrl() {
        return started.getOrDefault(ServiceCatalog.ROOM, publicUrl);
    }

    public URI urlOf(String service) {
        URI url = started.get(service);
        if (url == null) {
            throw new IllegalStateException(service + " is needed but not running");
        }
        return url;
    }
}
