package dev.chorus.voice.colibri;

import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.ForceMute;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.colibri2.Media;
import dev.chorus.colibri2.MediaSource;
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
