package dev.chorus.voice.api;

import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.voice.bridge.BridgeRegistry;
import dev.chorus.voice.bridge.BridgeState;
import dev.chorus.voice.session.MemberRole;
import dev.chorus.voice.session.RoleUpdate;
import dev.chorus.voice.session.VoiceSessions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The internal API worker-service calls; every request carries the shared service token. */
@RestController
@RequestMapping("/internal/v1")
class InternalApiController {

    private final VoiceSessions sessions;
    private final BridgeRegistry registry;

    InternalApiController(VoiceSessions sessions, BridgeRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    /** {@code muted} and {@code region} may be left out: not muted, the default region. */
    record OpenSession(@NotNull Role role, Boolean muted, String region) {
        boolean isMuted() {
            return Boolean.TRUE.equals(muted);
        }
    }

    record Answer(@NotBlank String sessionId, @NotBlank String sdp) {
    }

    record RoleChange(@NotNull Role role, Boolean muted) {
        boolean isMuted() {
            return Boolean.TRUE.equals(muted);
        }
    }

    @PostMapping("/rooms/{roomId}/members/{userId}/session")
    VoiceSession open(@PathVariable String roomId, @PathVariable String userId, @Valid @RequestBody OpenSession body) {
        return sessions.open(roomId, userId, MemberRole.of(body.role(), body.isMuted()), body.region());
    }

    @PostMapping("/rooms/{roomId}/members/{userId}/session/answer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void answer(@PathVariable String roomId, @PathVariable String userId, @Valid @RequestBody Answer body) {
        sessions.applyAnswer(roomId, userId, body.sessionId(), body.sdp());
    }

    @PutMapping("/rooms/{roomId}/members/{userId}/session/role")
    RoleUpdate role(@PathVariable String roomId, @PathVariable String userId, @Valid @RequestBody RoleChange body) {
        return sessions.changeRole(roomId, userId, MemberRole.of(body.role(), body.isMuted()));
    }

    @DeleteMapping("/rooms/{roomId}/members/{userId}/session")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String roomId, @PathVariable String userId) {
        sessions.close(roomId, userId);
    }

    @DeleteMapping("/rooms/{roomId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endRoom(@PathVariable String roomId) {
        sessions.endRoom(roomId);
    }

    @GetMapping("/rooms/{roomId}/dominant-speaker")
    Map<String, String> dominantSpeaker(@PathVariable String roomId, @RequestParam(required = false) String region) {
        Map<String, String> answer = new HashMap<>();
        answer.put("userId", sessions.dominantSpeaker(roomId, region).orElse(null));
        return answer;
    }

    /** A bridge as the fleet listing shows it: never its API token. */
    record BridgeView(String name, String region, String baseUrl, String publicName, boolean up, boolean draining,
            double stress, int failures) {

        static BridgeView of(BridgeState state) {
            return new BridgeView(state.bridge().name(), state.bridge().region(), state.bridge().baseUrl().toString(),
                    state.bridge().displayName(), state.up(), state.draining(), state.stress(), state.failures());
        }
    }

    @GetMapping("/bridges")
    List<BridgeView> bridges() {
        return registry.all().stream().map(BridgeView::of).toList();
    }
}
