package dev.chorus.voice.colibri;

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
    static IceTransport endpointTransport(JsonNode answer, String endpointId, String bridge) {
        for (JsonNode endpoint : answer.path("endpoints")) {
            if (endpointId.equals(endpoint.path("id").asString(""))) {
                JsonNode transport = endpoint.path("transport").path("transport");
                if (transport.isMissingNode()) {
                    break;
                }
                List<DtlsFingerprint> fingerprints = new ArrayList<>();
                for (JsonNode f : transport.path("fingerprints")) {
                    fingerprints.add(new DtlsFingerprint(f.path("hash").asString(), f.path("fingerprint").asString(),
                            f.path("setup").asString("actpass")));
                }
                List<IceCandidate> candidates = new ArrayList<>();
                for (JsonNode c : transport.path("candidates")) {
                    candidates.add(new IceCandidate(c.path("foundation").asString(), text(c, "component"),
                            c.path("protocol").asString("udp"), text(c, "priority"), c.path("ip").asString(),
                            text(c, "port"), c.path("type").asString("host"), text(c, "generation"),
                            c.path("rel-addr").asString(null), c.has("rel-port") ? text(c, "rel-port") : null));
                }
                return new IceTransport(transport.path("ufrag").asString(), transport.path("pwd").asString(),
                        fingerprints, candidates);
            }
        }
        throw new Colibri2Exception(bridge, 200, "answer carries no transport for endpoint " + endpointId, null);
    }

    /** The dominant speaker's endpoint id; the bridge writes the string {@code "null"} when there is none. */
    static Optional<String> dominantEndpoint(JsonNode answer) {
        JsonNode value = answer.path("dominantEndpoint");
        if (!value.isString() || value.asString().isEmpty() || "null".equals(value.asString())) {
            return Optional.empty();
        }
        return Optional.of(value.asString());
    }

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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
