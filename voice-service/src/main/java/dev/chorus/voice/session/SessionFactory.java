package dev.chorus.voice.session;

import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.contracts.voice.VoiceSession.AudioSource;
import dev.chorus.voice.bridge.BridgeRegistry;
import dev.chorus.voice.sdp.SdpOfferBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Writes a member's {@link VoiceSession} from what Redis holds about the room. */
@Component
class SessionFactory {

    private final BridgeRegistry registry;

    SessionFactory(BridgeRegistry registry) {
        this.registry = registry;
    }

    /**
     * The member's session: its own microphone section, then one section per other member who may send,
     * whose browser has announced its source, and whose conference the member hears: its own, or one
     * relayed to it from another region ({@code audibleMeetings}). Ordered by user id, so offers for one
     * room list speakers alike; a remote speaker's audio comes from the member's own bridge, with the
     * SSRC it has on its own.
     */
    VoiceSession session(String roomId, MemberVoice member, List<MemberVoice> room, Set<String> audibleMeetings) {
        List<AudioSource> sources = new ArrayList<>();
        room.stream()
                .filter(other -> !other.userId().equals(member.userId()) && audibleMeetings.contains(other.meetingId())
                        && other.canSend() && other.ssrc() != 0)
                .sorted(Comparator.comparing(MemberVoice::userId))
                .forEach(other -> sources.add(new AudioSource(other.ssrc(), other.userId(), String.valueOf(sources.size() + 1))));
        String bridgeName = registry.find(member.bridge()).map(s -> s.bridge().displayName()).orElse(member.bridge());
        String offer = SdpOfferBuilder.offer(member.version(), member.transport(), member.canSend(), sources);
        return new VoiceSession(member.endpointId(), roomId, member.region(), bridgeName, member.canSend(), offer, sources);
    }
}
