package dev.chorus.room.stage;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.commands.VoiceRoleChanged;
import dev.chorus.contracts.commands.VoiceRoomEnded;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.commands.VoiceTeardown;
import dev.chorus.contracts.events.HandLowered;
import dev.chorus.contracts.events.HandRaised;
import dev.chorus.contracts.events.InviteDeclined;
import dev.chorus.contracts.events.LeaveReason;
import dev.chorus.contracts.events.MemberJoined;
import dev.chorus.contracts.events.MemberLeft;
import dev.chorus.contracts.events.MuteChanged;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.events.RoleChanged;
import dev.chorus.contracts.events.RoomEnded;
import dev.chorus.contracts.events.RoomEvent;
import dev.chorus.contracts.events.SpeakerInvited;
import dev.chorus.room.RoomServiceProperties;
import dev.chorus.room.messaging.RoomLocks;
import dev.chorus.room.messaging.RoomMessaging;
import dev.chorus.room.room.RoomRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The rules of who is where in a room. Each transition runs as one Lua script (so racing requests on
 * any number of nodes cannot break a rule), then its events and voice commands are published in
 * sequence order under the room's lock.
 */
@Service
public class StageService {

    private static final Logger log = LoggerFactory.getLogger(StageService.class);

    private final LiveRooms live;
    private final SnapshotReader snapshots;
    private final RoomLocks locks;
    private final RoomMessaging messaging;
    private final RoomRecords records;
    private final RoomServiceProperties properties;
    private final Clock clock;
    private final Counter joins;

    StageService(LiveRooms live, SnapshotReader snapshots, RoomLocks locks, RoomMessaging messaging,
            RoomRecords records, RoomServiceProperties properties, Clock clock, MeterRegistry meters) {
        this.live = live;
        this.snapshots = snapshots;
        this.locks = locks;
        this.messaging = messaging;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
        this.joins = Counter.builder("chorus.room.joins").description("Members who joined a room").register(meters);
    }

    public record JoinAnswer(String roomId, String role, boolean voiceSetupPending, long seq) {
    }

    public JoinAnswer join(String roomId, ChorusPrincipal user, String region) {
        return locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(RoomScript.JOIN, roomId, user.userId(), null, user.displayName());
            if (result.values().equals(List.of("ERR", "room-not-found"))) {
                // The live state of a long-ended room has expired; its record says what happened.
                records.find(roomId);
                throw ScriptResult.refusal("room-ended");
            }
            result.orThrow();
            String role = result.string(1);
            long seq = result.number(2);
            if (!result.changed()) {
                return new JoinAnswer(roomId, role, true, seq);
            }
            Instant now = clock.instant();
            if (role.equals("host")) {
                records.markLive(roomId);
            }
            live.updateHallway(roomId, result.string(4).equals("public"), result.number(3));
            Role joinedAs = role(role);
            messaging.publish(
                    List.of(new MemberJoined(roomId, seq, now, user.userId(), user.userId(), user.displayName(), joinedAs)),
                    List.of(new VoiceSetup(commandId(), now, roomId, user.userId(), joinedAs, false, region, seq)));
            joins.increment();
            live.countMembers(1);
            log.info("User {} joined room {} as {} (seq {})", user.userId(), roomId, role, seq);
            return new JoinAnswer(roomId, role, true, seq);
        });
    }

    public void leave(String roomId, String userId, LeaveReason reason) {
        locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(RoomScript.LEAVE, roomId, userId, null, null).orThrow();
            if (result.changed()) {
                publishDeparture(roomId, userId, userId, reason, result);
            }
            return null;
        });
    }

    public RoomSnapshot remove(String roomId, String actorId, String targetId) {
        return locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(RoomScript.REMOVE, roomId, actorId, targetId, null).orThrow();
            publishDeparture(roomId, actorId, targetId, LeaveReason.REMOVED, result);
            return snapshots.read(roomId);
        });
    }

    /** Ends the room on the host's or a moderator's request. */
    public void end(String roomId, String actorId) {
        locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(RoomScript.END, roomId, actorId, null, null).orThrow();
            live.countMembers(-(result.size() - 2));
            publishEnd(roomId, actorId, "ended-by-moderator", result.number(1));
            return null;
        });
    }

    /**
     * Ends a live room that nobody is in (worker-service saw it empty for a while). A room someone
     * joined since, a scheduled room or one already ended stays as it is: answers whether it ended.
     */
    public boolean endIdle(String roomId) {
        return locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(RoomScript.END_IDLE, roomId, null, null, null).orThrow();
            if (!result.changed()) {
                return false;
            }
            publishEnd(roomId, null, "empty", result.number(1));
            return true;
        });
    }

    public RoomSnapshot snapshot(String roomId, String userId) {
        RoomSnapshot snapshot = snapshots.read(roomId);
        if (!snapshot.hasMember(userId)) {
            throw ScriptResult.refusal("not-member");
        }
        return snapshot;
    }

    /** Refuses users who are not in the room, without reading the whole room. */
    public void requireMember(String roomId, String userId) {
        if (live.roleOf(roomId, userId) == null) {
            throw ScriptResult.refusal("not-member");
        }
    }

    /** The snapshot for someone already known to be allowed to see it. */
    public RoomSnapshot snapshot(String roomId) {
        return snapshots.read(roomId);
    }

    public RoomSnapshot raiseHand(String roomId, String userId) {
        return change(RoomScript.RAISE_HAND, roomId, userId, null, null,
                r -> List.of(new HandRaised(roomId, r.number(1), clock.instant(), userId, userId)), r -> List.of());
    }

    public RoomSnapshot lowerHand(String roomId, String userId) {
        return change(RoomScript.LOWER_HAND, roomId, userId, null, null,
                r -> List.of(new HandLowered(roomId, r.number(1), clock.instant(), userId, userId)), r -> List.of());
    }

    public RoomSnapshot invite(String roomId, String actorId, String targetId) {
        return change(RoomScript.INVITE, roomId, actorId, targetId, null,
                r -> List.of(new SpeakerInvited(roomId, r.number(1), clock.instant(), actorId, targetId)), r -> List.of());
    }

    public RoomSnapshot acceptInvitation(String roomId, String userId) {
        return change(RoomScript.ACCEPT, roomId, userId, null, null,
                r -> List.of(new RoleChanged(roomId, r.number(1), clock.instant(), userId, userId, Role.SPEAKER,
                        Role.LISTENER)),
                r -> List.of(voiceRole(roomId, userId, Role.SPEAKER, false, r.number(1))));
    }

    public RoomSnapshot declineInvitation(String roomId, String userId) {
        return change(RoomScript.DECLINE, roomId, userId, null, null,
                r -> List.of(new InviteDeclined(roomId, r.number(1), clock.instant(), userId, userId)), r -> List.of());
    }

    /** A moderator moves someone to the audience, makes them moderator, or unmakes a moderator. */
    public RoomSnapshot changeRole(String roomId, String actorId, String targetId, Role newRole) {
        return change(RoomScript.CHANGE_ROLE, roomId, actorId, targetId, newRole.name().toLowerCase(Locale.ROOT),
                r -> List.of(new RoleChanged(roomId, r.number(1), clock.instant(), actorId, targetId, newRole,
                        role(r.string(2)))),
                r -> List.of(voiceRole(roomId, targetId, newRole, false, r.number(1))));
    }

    public RoomSnapshot stepDown(String roomId, String userId) {
        return change(RoomScript.STEP_DOWN, roomId, userId, null, null,
                r -> List.of(new RoleChanged(roomId, r.number(1), clock.instant(), userId, userId, Role.LISTENER,
                        role(r.string(2)))),
                r -> List.of(voiceRole(roomId, userId, Role.LISTENER, false, r.number(1))));
    }

    public RoomSnapshot setMuted(String roomId, String actorId, String targetId, boolean muted) {
        return change(RoomScript.MUTE, roomId, actorId, targetId, muted ? "1" : "0",
                r -> List.of(new MuteChanged(roomId, r.number(1), clock.instant(), actorId, targetId, muted)),
                r -> List.of(voiceRole(roomId, targetId, role(r.string(2)), muted, r.number(1))));
    }

    /** Takes the room's next seq for a change kept elsewhere (chat), after checking that the actor may make it. */
    public long nextSeq(String roomId, String actorId, boolean moderatorOnly) {
        return live.run(RoomScript.NEXT_SEQ, roomId, actorId, null, moderatorOnly ? "moderator" : "member")
                .orThrow().number(1);
    }

    private interface Produce<T> {
        List<? extends T> from(ScriptResult result);
    }

    private RoomSnapshot change(RoomScript script, String roomId, String actorId, String targetId, String extra,
            Produce<RoomEvent> events, Produce<Command> commands) {
        return locks.withRoom(roomId, () -> {
            ScriptResult result = live.run(script, roomId, actorId, targetId, extra).orThrow();
            if (result.changed()) {
                List<? extends RoomEvent> produced = events.from(result);
                messaging.publish(produced, commands.from(result));
                log.info("Room {}: {} by {}{} (seq {})", roomId, produced.get(0).type(), actorId,
                        targetId == null ? "" : " on " + targetId, produced.get(0).seq());
            }
            return snapshots.read(roomId);
        });
    }

    private void publishDeparture(String roomId, String actorId, String userId, LeaveReason reason,
            ScriptResult result) {
        Instant now = clock.instant();
        long seq = result.number(2);
        List<RoomEvent> events = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        events.add(new MemberLeft(roomId, seq, now, actorId, userId, reason));
        commands.add(new VoiceTeardown(commandId(), now, roomId, userId, seq));
        log.info("User {} left room {} ({}, seq {})", userId, roomId, reason.name().toLowerCase(Locale.ROOT), seq);
        String outcome = result.size() > 5 ? result.string(3) : "";
        if (outcome.equals("HOST")) {
            long hostSeq = result.number(4);
            String newHost = result.string(5);
            events.add(new RoleChanged(roomId, hostSeq, now, null, newHost, Role.HOST, role(result.string(6))));
            commands.add(voiceRole(roomId, newHost, Role.HOST, false, hostSeq));
            log.info("User {} is now host of room {} (seq {})", newHost, roomId, hostSeq);
        }
        messaging.publish(events, commands);
        live.countMembers(-1);
        if (outcome.equals("ENDED")) {
            live.countMembers(-(result.size() - 7));
            publishEnd(roomId, null, "last-moderator-left", result.number(4));
        } else {
            live.updateHallway(roomId, result.string(result.size() - 1).equals("public"), result.number(result.size() - 2));
        }
    }

    private void publishEnd(String roomId, String actorId, String reason, long seq) {
        Instant now = clock.instant();
        records.markEnded(roomId, now);
        live.updateHallway(roomId, false, 0);
        live.expireEnded(roomId, properties.endedRoomTtl());
        messaging.publish(List.of(new RoomEnded(roomId, seq, now, actorId, reason)),
                List.of(new VoiceRoomEnded(commandId(), now, roomId, seq)));
        log.info("Room {} ended ({}, seq {})", roomId, reason, seq);
    }

    private VoiceRoleChanged voiceRole(String roomId, String userId, Role role, boolean muted, long seq) {
        return new VoiceRoleChanged(commandId(), clock.instant(), roomId, userId, role, muted, seq);
    }

    private static Role role(String wire) {
        return Role.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
