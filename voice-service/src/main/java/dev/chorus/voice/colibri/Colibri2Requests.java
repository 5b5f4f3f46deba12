package dev.chorus.voice.colibri;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies of the Colibri2 requests voice-service sends, shaped exactly as Jitsi Videobridge's
 * Colibri2 REST API reads them (kebab-case names; numbers inside payload types and candidates as
 * strings; an endpoint without the {@code source-names} capability or without a transport is refused).
 */
final class Colibri2Requests {

    static final String OPUS_PAYLOAD_TYPE = "111";
    static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    static final int AUDIO_LEVEL_ID = 1;
    private static final String ICE_UDP_XMLNS = "urn:xmpp:jingle:transports:ice-udp:1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Colibri2Requests() {
    }

    static ObjectNode createConference(String meetingId, String name, EndpointRequest endpoint) {
        ObjectNode body = JSON.objectNode();
        body.put("meeting-id", meetingId);
        body.put("name", name);
        body.put("create", true);
        body.putArray("endpoints").add(createEndpoint(endpoint));
        return body;
    }

    static ObjectNode addEndpoint(EndpointRequest endpoint) {
        return endpoints(createEndpoint(endpoint));
    }

    static ObjectNode applyAnswer(String endpointId, IceTransport browser, AudioSourceSpec source) {
        ObjectNode endpoint = JSON.objectNode();
        endpoint.put("id", endpointId);
        ObjectNode transport = endpoint.putObject("transport").putObject("transport");
        transport.put("xmlns", ICE_UDP_XMLNS);
        transport.put("ufrag", browser.ufrag());
        transport.put("pwd", browser.pwd());
        transport.put("rtcp-mux", true);
        ArrayNode candidates = transport.putArray("candidates");
        int n = 0;
        for (IceCandidate c : browser.candidates()) {
            ObjectNode candidate = candidates.addObject();
            candidate.put("foundation", c.foundation());
            candidate.put("component", c.component());
            candidate.put("protocol", c.protocol());
            candidate.put("priority", c.priority());
            candidate.put("ip", c.ip());
            candidate.put("port", c.port());
            candidate.put("type", c.type());
            candidate.put("generation", c.generation() == null ? "0" : c.generation());
            candidate.put("network", "0");
            candidate.put("id", "cand-" + endpointId + "-" + (++n));
            if (c.relAddr() != null) {
                candidate.put("rel-addr", c.relAddr());
                candidate.put("rel-port", c.relPort());
            }
        }
        ArrayNode fingerprints = transport.putArray("fingerprints");
        for (DtlsFingerprint f : browser.fingerprints()) {
            fingerprints.addObject().put("fingerprint", f.fingerprint()).put("setup", f.setup()).put("hash", f.hash());
        }
        if (source != null) {
            String sourceName = endpointId + "-a0";
            ObjectNode mediaSource = endpoint.putArray("sources").addObject();
            mediaSource.put("type", "audio");
            mediaSource.put("id", sourceName);
            ObjectNode ssrc = mediaSource.putArray("sources").addObject();
            ssrc.put("ssrc", source.ssrc());
            ssrc.put("name", sourceName);
            if (source.msid() != null) {
                ssrc.putObject("parameters").put("msid", source.msid());
            }
        }
        return endpoints(endpoint);
    }

    static ObjectNode forceMute(String endpointId, boolean muted) {
        ObjectNode endpoint = JSON.objectNode();
        endpoint.put("id", endpointId);
        // Rooms carry no video; it stays muted whatever happens to audio.
        endpoint.putObject("force-mute").put("audio", muted).put("video", true);
        return endpoints(endpoint);
    }

    static ObjectNode expireEndpoint(String endpointId) {
        return endpoints(JSON.objectNode().put("id", endpointId).put("expire", true));
    }

    static ObjectNode expireConference() {
        return JSON.objectNode().put("expire", true);
    }

    private static ObjectNode createEndpoint(EndpointRequest request) {
        ObjectNode endpoint = JSON.objectNode();
        endpoint.put("create", true);
        endpoint.put("id", request.endpointId());
        endpoint.put("stats-id", request.statsId());
        endpoint.put("muc-role", request.moderator() ? "moderator" : "participant");
        ObjectNode media = endpoint.putArray("medias").addObject();
        media.put("type", "audio");
        ObjectNode opus = media.putArray("payload-types").addObject();
        opus.put("name", "opus").put("id", OPUS_PAYLOAD_TYPE).put("channels", "2").put("clockrate", "48000");
        opus.putObject("parameters").put("minptime", "10").put("useinbandfec", "1");
        media.putArray("rtp-hdrexts").addObject().put("uri", AUDIO_LEVEL_URI).put("id", AUDIO_LEVEL_ID);
        endpoint.putObject("transport").put("ice-controlling", true);
        endpoint.putArray("capabilities").add("source-names");
        if (request.forceMuted()) {
            endpoint.putObject("force-mute").put("audio", true).put("video", true);
        }
        return endpoint;
    }

    private static ObjectNode endpoints(JsonNode... endpoints) {
        ObjectNode body = JSON.objectNode();
        body.putArray("endpoints").addAll(List.of(endpoints));
        return body;
    }
}
