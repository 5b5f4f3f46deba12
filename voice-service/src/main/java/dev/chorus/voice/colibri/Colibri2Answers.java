package dev.chorus.voice.colibri;

import dev.chorus.colibri2.Candidate;
import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.DominantSpeakerIdentification;
import dev.chorus.colibri2.Endpoint;
import dev.chorus.colibri2.Fingerprint;
import dev.chorus.colibri2.IceUdpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads what a bridge answers: JSON on success, an HTML page or nothing at all on error. */
final class Colibri2Answers {

    private static final Pattern HTML_TITLE = Pattern.compile("<title>(?:Error \\d+ )?(.*?)</title>", Pattern.DOTALL);

    private Colibri2Answers() {
    }

    /** The bridge side of the endpoint's transport, from a create-conference or create-endpoint answer. */
    static IceTransport endpointTransport(Conference answer, String endpointId, String bridge) {
        for (Endpoint endpoint : answer.endpointsOrEmpty()) {
            if (endpointId.equals(endpoint.id()) && endpoint.transport() != null && endpoint.transport().transport() != null) {
                IceUdpTransport transport = endpoint.transport().transport();
                List<DtlsFingerprint> fingerprints = new ArrayList<>();
                for (Fingerprint f : orEmpty(transport.fingerprints())) {
                    fingerprints.add(new DtlsFingerprint(f.hash(), f.fingerprint(), f.setup() == null ? "actpass" : f.setup()));
                }
                List<IceCandidate> candidates = new ArrayList<>();
                for (Candidate c : orEmpty(transport.candidates())) {
                    candidates.add(new IceCandidate(c.foundation(), c.component(), c.protocol() == null ? "udp" : c.protocol(),
                            c.priority(), c.ip(), c.port(), c.type() == null ? "host" : c.type(), c.generation(),
                            c.relAddr(), c.relPort()));
                }
                return new IceTransport(transport.ufrag(), transport.pwd(), fingerprints, candidates);
            }
        }
        throw new Colibri2Exception(bridge, 200, "answer carries no transport for endpoint " + endpointId, null);
    }

    /** The relay's own transport, from the answer to its allocation. */
    static IceUdpTransport relayTransport(Conference answer, String relayId, String bridge) {
        return answer.relaysOrEmpty().stream()
                .filter(r -> relayId.equals(r.id()) && r.transport() != null && r.transport().transport() != null)
                .map(r -> r.transport().transport()).findFirst()
                .orElseThrow(() -> new Colibri2Exception(bridge, 200, "answer carries no transport for relay " + relayId, null));
    }

    /** The dominant speaker's endpoint id; the bridge writes the string {@code "null"} when there is none. */
    static Optional<String> dominantEndpoint(DominantSpeakerIdentification answer) {
        String dominant = answer.dominantEndpointOrNull();
        return dominant == null || dominant.isEmpty() ? Optional.empty() : Optional.of(dominant);
    }

    /**
     * Read field by field rather than into the shared model's stats record: placement needs
     * {@code drain} and {@code shutting_down}, which that record does not carry.
     */
    static BridgeStats stats(JsonNode stats) {
        boolean draining = stats.path("drain").asBoolean(false) || stats.path("graceful_shutdown").asBoolean(false)
                || stats.path("shutting_down").asBoolean(false);
        return new BridgeStats(stats.path("stress_level").asDouble(0), draining, stats.path("healthy").asBoolean(true),
                stats.path("conferences").asInt(0), stats.path("endpoints").asInt(0));
    }

    /** What an error answer says: the HTML page's title (its message), or empty for an empty body. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Matcher title = HTML_TITLE.matcher(body);
        if (title.find()) {
            return title.group(1).replaceAll("\\s+", " ").trim();
        }
        String trimmed = body.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
