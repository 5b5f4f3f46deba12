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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private final RelayMesh relays;
    private final UserEventPublisher events;
    private final VoiceProperties properties;
    private final Clock clock;

    VoiceSessions(VoiceStore store, BridgeRegistry registry, Colibri2Client colibri, SessionFactory factory,
            RelayMesh relays, UserEventPublisher events, VoiceProperties properties) {
        this.store = store;
        this.registry = registry;
        this.colibri = colibri;
        this.factory = factory;
        this.relays = relays;
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
        refresh(roomId, userId, relays.reconcile(roomId));
        return session(roomId, member);
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
            Set<String> changed = new HashSet<>(relays.reconcile(roomId));
            changed.add(meeting[0]);
            refresh(roomId, userId, changed);
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
        if (renegotiate && before[0].ssrc() != 0) { // a demoted speaker leaves the others' offers, here and elsewhere
            Set<String> changed = new HashSet<>(relays.reconcile(roomId));
            changed.add(before[0].meetingId());
            refresh(roomId, userId, changed);
        }
        return new RoleUpdate(session(roomId, after), renegotiate);
    }

    /**
     * Releases the member's endpoint; nothing to do when there is none. The last member of a region's
     * conference in a room that spans regions takes the conference with them, and its relays go too.
     */
    public void close(String roomId, String userId) {
        boolean left = store.locked(memberLock(roomId, userId), () -> store.member(roomId, userId).map(member -> {
            if (registry.isUp(member.bridge())) {
                ignoreNotFound(() -> colibri.expireEndpoint(bridge(member), member.meetingId(), member.endpointId()));
            }
            store.forgetMember(roomId, userId);
            log.info("Released endpoint {} of user {} in room {} on {}", member.endpointId(), userId, roomId,
                    member.bridge());
            expireIfLeftEmpty(roomId, member);
            return true;
        }).orElse(false));
        if (left) {
            refresh(roomId, userId, relays.reconcile(roomId));
        }
    }

    /**
     * A bridge keeps a conference that still has relays, so the one a region's last member left is
     * expired here when the room has conferences in other regions (under the region's lock, so no
     * allocation races with it).
     */
    private void expireIfLeftEmpty(String roomId, MemberVoice member) {
        store.locked(conferenceLock(roomId, member.region()), () -> {
            boolean empty = store.members(roomId).stream().noneMatch(m -> m.meetingId().equals(member.meetingId()));
            Optional<ConferencePlacement> placement = store.conference(roomId, member.region())
                    .filter(p -> p.meetingId().equals(member.meetingId()));
            if (empty && placement.isPresent() && store.conferences(roomId).size() > 1) {
                if (registry.isUp(member.bridge())) {
                    ignoreNotFound(() -> colibri.expireConference(bridge(member), member.meetingId()));
                }
                store.forgetConference(roomId, placement.get());
                log.info("Expired conference {} of room {} on {}: its last member in {} left", member.meetingId(), roomId,
                        member.bridge(), member.region());
            }
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
        return moved.map(m -> session(roomId, m));
    }

    /** After a bridge was lost: rebuilds the room's relays around its new conferences and refreshes offers. */
    public void relink(String roomId) {
        refresh(roomId, null, relays.reconcile(roomId));
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
        return store.locked(conferenceLock(roomId, region), () -> {
            Allocation allocation = addToExistingConference(roomId, region, request)
                    .orElseGet(() -> createConference(roomId, region, request));
            MemberVoice member = new MemberVoice(userId, region, allocation.placement().bridge(),
                    allocation.placement().meetingId(), request.endpointId(), allocation.transport(), role.moderator(),
                    role.canSend(), role.muted(), 0, 1);
            store.saveMember(roomId, member);
            log.info("Allocated endpoint {} for user {} in room {} on bridge {} ({}), force-muted {}", request.endpointId(),
                    userId, roomId, member.bridge(), region, request.forceMuted());
            return member;
        });
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

    /**
     * The member's session: its own conference's speakers and, through relays, those of the room's
     * conferences in other regions.
     */
    private VoiceSession session(String roomId, MemberVoice member) {
        return factory.session(roomId, member, store.members(roomId), audible(roomId, member.meetingId()));
    }

    private Set<String> audible(String roomId, String meetingId) {
        Set<String> audible = new HashSet<>(relays.linkedMeetings(roomId, meetingId));
        audible.add(meetingId);
        return audible;
    }

    /**
     * Sends a new offer to every member (but the one who caused the change) of the given conferences.
     * The room is read once: in a room of a thousand listeners each offer is written from the same
     * list of speakers, not from a fresh read of every member.
     */
    private void refresh(String roomId, String changedUserId, Set<String> meetingIds) {
        if (meetingIds.isEmpty()) {
            return;
        }
        List<MemberVoice> room = store.members(roomId);
        List<MemberVoice> speakers = room.stream().filter(m -> m.canSend() && m.ssrc() != 0).toList();
        Map<String, Set<String>> audibleByMeeting = new HashMap<>();
        for (MemberVoice other : room) {
            if (other.userId().equals(changedUserId) || !meetingIds.contains(other.meetingId())) {
                continue;
            }
            Optional<MemberVoice> refreshed = store.locked(memberLock(roomId, other.userId()),
                    () -> store.member(roomId, other.userId()).map(m -> {
                        MemberVoice next = m.nextVersion();
                        store.saveMember(roomId, next);
                        return next;
                    }));
            refreshed.ifPresent(m -> events.publish(new VoiceReady(m.userId(), roomId, clock.instant(),
                    factory.session(roomId, m, speakers,
                            audibleByMeeting.computeIfAbsent(m.meetingId(), id -> audible(roomId, id))))));
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

    private static String conferenceLock(String roomId, String region) {
        return "conf:" + roomId + ":" + region;
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
