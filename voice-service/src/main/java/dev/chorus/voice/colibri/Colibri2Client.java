package dev.chorus.voice.colibri;

import dev.chorus.colibri2.Conference;
import dev.chorus.colibri2.DominantSpeakerIdentification;
import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.voice.VoiceProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to one bridge at a time over Jitsi Videobridge's Colibri2 REST API
 * ({@code /colibri/v2/conferences}), its health check ({@code /about/health}) and its statistics
 * ({@code /colibri/stats}). Every failure, whatever the body (JSON, an HTML error page, nothing), comes
 * out as a {@link Colibri2Exception}.
 */
@Component
public class Colibri2Client {

    private static final String CONFERENCES = "/colibri/v2/conferences";

    private final RestClient http;
    private final JsonMapper json;

    public Colibri2Client(JsonMapper json, VoiceProperties properties) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.requestTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
        this.json = json;
    }

    /** Creates the conference with the member's first endpoint; answers the bridge's side of its transport. */
    public IceTransport createConference(VoiceProperties.Bridge bridge, String meetingId, String name, EndpointRequest endpoint) {
        JsonNode answer = send(bridge, HttpMethod.POST, CONFERENCES, Colibri2Requests.createConference(meetingId, name, endpoint));
        return Colibri2Answers.endpointTransport(json.treeToValue(answer, Conference.class), endpoint.endpointId(), bridge.name());
    }

    public IceTransport addEndpoint(VoiceProperties.Bridge bridge, String meetingId, EndpointRequest endpoint) {
        JsonNode answer = send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.addEndpoint(endpoint));
        return Colibri2Answers.endpointTransport(json.treeToValue(answer, Conference.class), endpoint.endpointId(), bridge.name());
    }

    /** Gives the bridge the browser's ICE credentials, candidates and fingerprint, and the source it sends (if any). */
    public void applyAnswer(VoiceProperties.Bridge bridge, String meetingId, String endpointId, IceTransport browser,
            AudioSourceSpec source) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.applyAnswer(endpointId, browser, source));
    }

    public void forceMute(VoiceProperties.Bridge bridge, String meetingId, String endpointId, boolean muted) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.forceMute(endpointId, muted));
    }

    public void expireEndpoint(VoiceProperties.Bridge bridge, String meetingId, String endpointId) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.expireEndpoint(endpointId));
    }

    public void expireConference(VoiceProperties.Bridge bridge, String meetingId) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.expireConference());
    }

    /** Allocates a relay to another bridge's conference; answers the relay's transport, to hand to the other side. */
    public IceUdpTransport createRelay(VoiceProperties.Bridge bridge, String meetingId, String relayId, String meshId,
            boolean iceControlling, List<RelayedEndpoint> endpoints) {
        JsonNode answer = send(bridge, HttpMethod.PATCH, conference(meetingId),
                Colibri2Requests.createRelay(relayId, meshId, iceControlling, endpoints));
        return Colibri2Answers.relayTransport(json.treeToValue(answer, Conference.class), relayId, bridge.name());
    }

    /** Gives a relay the other side's transport (the DTLS role follows {@code iceControlling}, as Jicofo does). */
    public void setRelayTransport(VoiceProperties.Bridge bridge, String meetingId, String relayId, IceUdpTransport remote,
            boolean iceControlling) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.relayTransport(relayId, remote, iceControlling));
    }

    public void updateRelayEndpoints(VoiceProperties.Bridge bridge, String meetingId, String relayId,
            List<RelayedEndpoint> created, List<RelayedEndpoint> updated, List<String> expired) {
        send(bridge, HttpMethod.PATCH, conference(meetingId),
                Colibri2Requests.relayEndpoints(relayId, created, updated, expired));
    }

    public void expireRelay(VoiceProperties.Bridge bridge, String meetingId, String relayId) {
        send(bridge, HttpMethod.PATCH, conference(meetingId), Colibri2Requests.expireRelay(relayId));
    }

    /** The endpoint id of the conference's dominant speaker, empty while nobody dominates. */
    public Optional<String> dominantSpeaker(VoiceProperties.Bridge bridge, String meetingId) {
        return Colibri2Answers.dominantEndpoint(json.treeToValue(
                send(bridge, HttpMethod.GET, conference(meetingId) + "/dominant-speaker-identification", null),
                DominantSpeakerIdentification.class));
    }

    /** Succeeds when the bridge says it is healthy (200, empty body); throws otherwise. */
    public void checkHealth(VoiceProperties.Bridge bridge) {
        send(bridge, HttpMethod.GET, "/about/health", null);
    }

    public BridgeStats stats(VoiceProperties.Bridge bridge) {
        return Colibri2Answers.stats(send(bridge, HttpMethod.GET, "/colibri/stats", null));
    }

    private static String conference(String meetingId) {
        return CONFERENCES + "/" + meetingId;
    }

    private JsonNode send(VoiceProperties.Bridge bridge, HttpMethod method, String path, Object body) {
        URI uri = URI.create(bridge.baseUrl().toString().replaceAll("/+$", "") + path);
        RestClient.RequestBodySpec request = http.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
        if (bridge.hasApiToken()) {
            request.headers(h -> h.setBearerAuth(bridge.apiToken()));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
        }
        try {
            return request.exchange((req, response) -> {
                String text = StreamUtils.copyToString(response.getBody(), charset(response.getHeaders().getContentType()));
                int status = response.getStatusCode().value();
                if (status == 401) {
                    throw new Colibri2Exception(bridge.name(), status, refusedToken(bridge), null);
                }
                if (status >= 300) {
                    throw new Colibri2Exception(bridge.name(), status, Colibri2Answers.errorMessage(text), null);
                }
                return text.isBlank() ? json.createObjectNode() : json.readTree(text);
            });
        } catch (ResourceAccessException e) {
            throw new Colibri2Exception(bridge.name(), 0, rootMessage(e), e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new Colibri2Exception(bridge.name(), 200, "unreadable answer: " + e.getOriginalMessage(), e);
        }
    }

    private static String refusedToken(VoiceProperties.Bridge bridge) {
        return bridge.hasApiToken()
                ? "it refused our API token; chorus.voice.bridges[].api-token of " + bridge.name()
                        + " must equal the bridge's chorus.sfu.api-token"
                : "it requires an API token; set chorus.voice.bridges[].api-token of " + bridge.name()
                        + " to the bridge's chorus.sfu.api-token";
    }

    private static java.nio.charset.Charset charset(MediaType type) {
        return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IOException && root.getMessage() != null)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
