package dev.chorus.voice.colibri;

import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.ForceMute;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
import dev.chorus.colibri2.Relay;
import dev.chorus.colibri2.Source;
import dev.chorus.colibri2.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Colibri2 requests voice-service sends, built from the shared Colibri2 model so that they read as
 * Jitsi Videobridge's REST API expects (an endpoint without the {@code source-names} capability or
 * without a transport is refused).
 */
final class Colibri2Requests {

    private Colibri2Requests() {
    }

    static Conference createConference(String meetingId, String name, EndpointRequest endpoint) {
        return Conference.create(meetingId, name, List.of(createEndpoint(endpoint)));
    }

    static Conference addEndpoint(EndpointRequest endpoint) {
        return Conference.patch(List.of(createEndpoint(endpoint)));
    }

    static Conference applyAnswer(String endpointId, IceTransport browser, AudioSourceSpec source) {
        List<Candidate> candidates = new ArrayList<>();
        for (IceCandidate c : browser.candidates()) {
            candidates.add(new Candidate(c.component(), c.foundation(), c.generation() == null ? "0" : c.generation(),
                    "cand-" + endpointId + "-" + (candidates.size() + 1), "0", c.priority(), c.protocol(), c.type(),
                    c.ip(), c.port(), c.relAddr(), c.relPort()));
        }
        List<Fingerprint> fingerprints = browser.fingerprints().stream()
                .map(f -> new Fingerprint(f.fingerprint(), f.setup(), f.hash())).toList();
        List<MediaSource> sources = null;
        if (source != null) {
            String sourceName = endpointId + "-a0";
            sources = List.of(new MediaSource(Media.AUDIO, sourceName, List.of(new Source(source.ssrc(), sourceName,
                    source.msid() == null ? null : Map.of("msid", source.msid())))));
        }
        Transport transport = Transport.of(IceUdpTransport.of(browser.ufrag(), browser.pwd(), fingerprints, candidates));
        return Conference.patch(List.of(Endpoint.update(endpointId, transport, sources)));
    }

    static Conference forceMute(String endpointId, boolean muted) {
        return Conference.patch(List.of(new Endpoint(endpointId, null, null, null, null, null, null, null, null,
                noVideo(muted))));
    }

    static Conference expireEndpoint(String endpointId) {
        return Conference.patch(List.of(Endpoint.expire(endpointId)));
    }

    static Conference expireConference() {
        return Conference.expireConference();
    }

    /**
     * Allocates a relay to the same conference on another bridge (named by that bridge), with the
     * other bridge's endpoints known so far; {@code iceControlling} on one side of a pair only.
     */
    static Conference createRelay(String relayId, String meshId, boolean iceControlling, List<RelayedEndpoint> endpoints) {
        return Conference.relay(Relay.create(relayId, meshId, iceControlling, List.of(Media.opusWithAudioLevel()),
                endpoints.stream().map(Colibri2Requests::relayed).toList()));
    }

    /**
     * Gives a relay the other bridge's transport with the roles Jicofo assigns: the ICE-controlling side
     * receives the fingerprint as {@code active} (so it acts as DTLS server) and keeps the other bridge's
     * {@code web-sockets} (Jitsi Videobridge dials its bridge channel there); the other side receives
     * {@code passive} and no web socket, so only one side dials.
     */
    static Conference relayTransport(String relayId, IceUdpTransport remote, boolean iceControlling) {
        String setup = iceControlling ? "active" : "passive";
        List<Fingerprint> fingerprints = remote.fingerprints() == null ? List.of() : remote.fingerprints().stream()
                .map(f -> new Fingerprint(f.fingerprint(), setup, f.hash())).toList();
        return Conference.relay(Relay.transport(relayId, new IceUdpTransport(IceUdpTransport.XMLNS, remote.pwd(),
                remote.ufrag(), fingerprints, remote.candidates(), iceControlling ? remote.webSockets() : null, true)));
    }

    /** Creates, updates (sources) and expires endpoints of the other bridge on a relay. */
    static Conference relayEndpoints(String relayId, List<RelayedEndpoint> created, List<RelayedEndpoint> updated,
            List<String> expired) {
        List<Endpoint> endpoints = new ArrayList<>();
        created.forEach(e -> endpoints.add(relayed(e)));
        updated.forEach(e -> endpoints.add(Endpoint.update(e.endpointId(), null, sources(e))));
        expired.forEach(id -> endpoints.add(Endpoint.expire(id)));
        return Conference.relay(Relay.endpoints(relayId, endpoints));
    }

    static Conference expireRelay(String relayId) {
        return Conference.relay(Relay.expire(relayId));
    }

    /** A new endpoint of the other bridge; {@code sources} only once it sends. */
    private static Endpoint relayed(RelayedEndpoint endpoint) {
        return Endpoint.relayed(endpoint.endpointId(), endpoint.statsId(), endpoint.ssrc() == 0 ? null : sources(endpoint));
    }

    /** The audio source a relayed endpoint sends, named as its own bridge knows it; empty while it sends nothing. */
    private static List<MediaSource> sources(RelayedEndpoint endpoint) {
        return endpoint.ssrc() == 0 ? List.of() : List.of(MediaSource.audio(endpoint.endpointId() + "-a0", endpoint.ssrc()));
    }

    private static Endpoint createEndpoint(EndpointRequest request) {
        return new Endpoint(request.endpointId(), true, null, request.statsId(),
                request.moderator() ? "moderator" : "participant", List.of(Media.opusWithAudioLevel()),
                Transport.clientControlsIce(), null, List.of(Endpoint.CAPABILITY_SOURCE_NAMES),
                request.forceMuted() ? noVideo(true) : null);
    }

    /** Rooms carry no video; it stays muted whatever happens to audio. */
    private static ForceMute noVideo(boolean audioMuted) {
        return new ForceMute(audioMuted, true);
    }
}
