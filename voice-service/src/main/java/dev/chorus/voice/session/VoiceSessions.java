package dev.chorus.voice.session;

import dev.chorus.contracts.events.VoiceReady;
import dev.chorus.contracts.messaging.UserEventPublisher;
import dev.chorus.contracts.voice.VoiceSession;
import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.bridge.BridgeRegistry;
import dev.chorus.voice.colibri.AudioSourceSpec;
import dev.chorus.voice.colibri.Colibri2Client;
import dev.chorus.voice.colibri.Colibri2Exception;
import dev.chorus.voice.colibri.EndpointRequest;
import dev.chorus.voice.colibri.IceTransport;
import dev.chorus.voice.sdp.SdpAnswer;
import dev.chorus.voice.sdp.SdpAnswerParser;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Members' voice sessions: placement on the room's bridge in their region, endpoint allocation,
 * answers, role changes and release. Every operation on one member holds that member's Redis lock, and
 * repeating an operation changes nothing (a second open answers the existing session).
 */
@Service
public class VoiceSessions {

    private static final Logger log = LoggerFactory.getLogger(VoiceSessions.class);

    private final VoiceStore store;
    private final BridgeRegistry registry;
    private final Colibri2Client colibri;
    private final SessionFactory factory;
    private final UserEventPublisher events;
    private final VoiceProperties properties;
    private final Clock clock;

    VoiceSessions(VoiceStore store, BridgeRegistry registry, Colibri2Client colibri, SessionFactory factory,
            UserEventPublisher events, VoiceProperties properties) {
        this.store = store;
        this.registry = registry;
        this.colibri = colibri;
        this.factory = factory;
        this.events = events;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** The member's session, allocating an endpoint only if the member has none on a bridge that is up. */
    public VoiceSession open(String roomId, String userId, MemberRole role, String requestedRegion) {
        MemberVoice member = store.locked(memberLock(roomId, userId), () -> {
            Optional<MemberVoice> existing = store.member(roomId, userId);
            if (existing.isPresent() && registry.isUp(existing.get().bridge())) {
                return applyRole(roomId, existing.get(), role);
            }
            return allocate(roomId, userId, registry.regionFor(requestedRegion), role);
        });
        return factory.session(roomId, member, store.members(roomId));
    }

    /** Applies a browser's SDP answer to the member's endpoint; a newly sent source refreshes the others' offers. */
    public void applyAnswer(String roomId, String userId, String sessionId, String sdp) {
        SdpAnswer answer = SdpAnswerParser.parse(sdp);
        String[] meeting = new String[1];
        boolean newSource = store.locked(memberLock(roomId, userId), () -> {
            MemberVoice member = currentSession(roomId, userId, sessionId);
            meeting[0] = member.meetingId();
            AudioSourceSpec source = member.canSend() ? answer.source() : null;
            colibri.applyAnswer(bridge(member), member.meetingId(), member.endpointId(), answer.transport(), source);
            log.info("Applied answer of user {} in room {} to endpoint {} on {}", userId, roomId, member.endpointId(),
                    member.bridge());
            if (source != null && source.ssrc() != member.ssrc()) {
                store.saveMember(roomId, member.withSsrc(source.ssrc()));
                return true;
            }
            return false;
        });
        if (newSource) {
            refreshOthers(roomId, userId, meeting[0]);
        }
    }

    /** Lets the member's audio through or force-mutes it after a role or mute change. */
    public RoleUpdate changeRole(String roomId, String userId, MemberRole role) {
        MemberVoice[] before = new MemberVoice[1];
        MemberVoice after = store.locked(memberLock(roomId, userId), () -> {
            MemberVoice member = store.member(roomId, userId)
                    .orElseThrow(() -> new UnknownSessionException("user " + userId + " has no voice session in room " + roomId));
            before[0] = member;
            return applyRole(roomId, member, role);
        });
        boolean renegotiate = after.version() != before[0].version();
        if (renegotiate && before[0].ssrc() != 0) {
            refreshOthers(roomId, userId, before[0].meetingId()); // a demoted speaker leaves the others' offers
        }
        return new RoleUpdate(factory.session(roomId, after, store.members(roomId)), renegotiate);
    }

    /** Releases the member's endpoint; nothing to do when there is none. */
    public void close(String roomId, String userId) {
        store.locked(memberLock(roomId, userId), () -> {
            store.member(roomId, userId).ifPresent(member -> {
                if (registry.isUp(member.bridge())) {
                    ignoreNotFound(() -> colibri.expireEndpoint(bridge(member), member.meetingId(), member.endpointId()));
                }
                store.forgetMember(roomId, userId);
                log.info("Released endpoint {} of user {} in room {} on {}", member.endpointId(), userId, roomId,
                        member.bridge());
            });
            return null;
        });
    }

    /** Expires the room's conference on every bridge and forgets the room. */
    public void endRoom(String roomId) {
        for (ConferencePlacement placement : store.conferences(roomId)) {
            if (registry.isUp(placement.bridge())) {
                ignoreNotFound(() -> colibri.expireConference(bridge(placement.bridge()), placement.meetingId()));
            }
            log.info("Expired conference {} of room {} on {}", placement.meetingId(), roomId, placement.bridge());
        }
        store.forgetRoom(roomId);
    }

    /** The user id of the room's dominant speaker in the given region, if the bridge names one. */
    public Optional<String> dominantSpeaker(String roomId, String region) {
        return store.conference(roomId, registry.regionFor(region))
                .flatMap(p -> colibri.dominantSpeaker(bridge(p.bridge()), p.meetingId()))
                .flatMap(endpointId -> store.members(roomId).stream()
                        .filter(m -> m.endpointId().equals(endpointId)).map(MemberVoice::userId).findFirst());
    }

    /**
     * Moves a member whose bridge was lost to a healthy bridge of the same region; empty when the member
     * was already moved or left meanwhile.
     */
    public Optional<VoiceSession> moveOffLostBridge(String roomId, String userId, String lostBridge) {
        Optional<MemberVoice> moved = store.locked(memberLock(roomId, userId), () -> store.member(roomId, userId)
                .filter(m -> m.bridge().equals(lostBridge))
                .map(m -> allocate(roomId, userId, m.region(), new MemberRole(m.moderator(), m.canSend(), m.muted()))));
        return moved.map(m -> factory.session(roomId, m, store.members(roomId)));
    }

    private MemberVoice applyRole(String roomId, MemberVoice member, MemberRole role) {
        if (member.canSend() == role.canSend() && member.muted() == role.muted()) {
            return member;
        }
        boolean forceMuted = !role.canSend() || role.muted();
        if (forceMuted != member.forceMuted()) {
            colibri.forceMute(bridge(member), member.meetingId(), member.endpointId(), forceMuted);
            log.info("Force-mute {} for user {} in room {} (endpoint {})", forceMuted ? "on" : "off", member.userId(),
                    roomId, member.endpointId());
        }
        MemberVoice updated = member.withRole(role.moderator(), role.canSend(), role.muted());
        store.saveMember(roomId, updated);
        return updated;
    }

    private MemberVoice allocate(String roomId, String userId, String region, MemberRole role) {
        EndpointRequest request = new EndpointRequest(newEndpointId(), userId, role.moderator(), !role.canSend() || role.muted());
        Allocation allocation = addToExistingConference(roomId, region, request)
                .orElseGet(() -> store.locked("conf:" + roomId + ":" + region,
                        () -> addToExistingConference(roomId, region, request)
                                .orElseGet(() -> createConference(roomId, region, request))));
        MemberVoice member = new MemberVoice(userId, region, allocation.placement().bridge(), allocation.placement().meetingId(),
                request.endpointId(), allocation.transport(), role.moderator(), role.canSend(), role.muted(), 0, 1);
        store.saveMember(roomId, member);
        log.info("Allocated endpoint {} for user {} in room {} on bridge {} ({}), force-muted {}", request.endpointId(),
                userId, roomId, member.bridge(), region, request.forceMuted());
        return member;
    }

    private Optional<Allocation> addToExistingConference(String roomId, String region, EndpointRequest request) {
        Optional<ConferencePlacement> placement = store.conference(roomId, region);
        if (placement.isEmpty()) {
            return Optional.empty();
        }
        ConferencePlacement conference = placement.get();
        if (!registry.isUp(conference.bridge())) {
            store.forgetConference(roomId, conference);
            return Optional.empty();
        }
        try {
            return Optional.of(new Allocation(conference,
                    colibri.addEndpoint(bridge(conference.bridge()), conference.meetingId(), request)));
        } catch (Colibri2Exception e) {
            if (e.notFound()) { // the bridge restarted and lost the conference
                log.warn("Conference {} of room {} is gone from {}; creating it again", conference.meetingId(), roomId,
                        conference.bridge());
                store.forgetConference(roomId, conference);
                return Optional.empty();
            }
            throw e;
        }
    }

    private Allocation createConference(String roomId, String region, EndpointRequest request) {
        VoiceProperties.Bridge bridge = registry.leastStressed(region).orElseThrow(() -> new NoBridgeException(region));
        String meetingId = UUID.randomUUID().toString();
        IceTransport transport = colibri.createConference(bridge, meetingId,
                "room-" + roomId + "@" + properties.conferenceDomain(), request);
        ConferencePlacement placement = new ConferencePlacement(region, bridge.name(), meetingId);
        store.saveConference(roomId, placement);
        log.info("Created conference {} for room {} on bridge {} ({})", meetingId, roomId, bridge.name(), region);
        return new Allocation(placement, transport);
    }

    /** Sends a new offer to every other member of the same conference (members elsewhere do not hear it). */
    private void refreshOthers(String roomId, String changedUserId, String meetingId) {
        for (MemberVoice other : store.members(roomId)) {
            if (other.userId().equals(changedUserId) || !other.meetingId().equals(meetingId)) {
                continue;
            }
            Optional<MemberVoice> refreshed = store.locked(memberLock(roomId, other.userId()),
                    () -> store.member(roomId, other.userId()).map(m -> {
                        MemberVoice next = m.nextVersion();
                        store.saveMember(roomId, next);
                        return next;
                    }));
            refreshed.ifPresent(m -> events.publish(new VoiceReady(m.userId(), roomId, clock.instant(),
                    factory.session(roomId, m, store.members(roomId)))));
        }
    }

    private MemberVoice currentSession(String roomId, String userId, String sessionId) {
        MemberVoice member = store.member(roomId, userId)
                .orElseThrow(() -> new UnknownSessionException("user " + userId + " has no voice session in room " + roomId));
        if (!member.endpointId().equals(sessionId)) {
            throw new UnknownSessionException("session " + sessionId + " is not the current session of user " + userId
                    + " in room " + roomId + " (it was replaced)");
        }
        return member;
    }

    private VoiceProperties.Bridge bridge(MemberVoice member) {
        return bridge(member.bridge());
    }

    private VoiceProperties.Bridge bridge(String name) {
        return registry.find(name).orElseThrow(() -> new NoBridgeException("of bridge " + name)).bridge();
    }

    private static void ignoreNotFound(Runnable call) {
        try {
            call.run();
        } catch (Colibri2Exception e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    private static String memberLock(String roomId, String userId) {
        return "member:" + roomId + ":" + userId;
    }

    private static String newEndpointId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Allocation(ConferencePlacement placement, IceTransport transport) {
    }
}
