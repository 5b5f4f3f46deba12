package dev.chorus.room.room;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.contracts.events.RoomCreated;
import dev.chorus.contracts.events.RoomUpdated;
import dev.chorus.room.RoomServiceProperties;
import dev.chorus.room.account.AccountService;
import dev.chorus.room.messaging.RoomLocks;
import dev.chorus.room.messaging.RoomMessaging;
import dev.chorus.room.stage.LiveRooms;
import dev.chorus.room.stage.RoomSnapshot;
import dev.chorus.room.stage.StageService;
import dev.chorus.room.system.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/** Creating, reading, editing and ending rooms, and the hallway. */
@Service
class RoomService {

    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    /** A start time this close to now, or earlier, starts the room at once. */
    private static final Duration START_NOW_TOLERANCE = Duration.ofMinutes(1);

    private final RoomRepository rooms;
    private final LiveRooms live;
    private final StageService stage;
    private final AccountService accounts;
    private final RoomMessaging messaging;
    private final RoomLocks locks;
    private final RoomServiceProperties properties;
    private final Clock clock;

    RoomService(RoomRepository rooms, LiveRooms live, StageService stage, AccountService accounts,
            RoomMessaging messaging, RoomLocks locks, RoomServiceProperties properties, Clock clock) {
        this.rooms = rooms;
        this.live = live;
        this.stage = stage;
        this.accounts = accounts;
        this.messaging = messaging;
        this.locks = locks;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates the room; a room starting now is joined by its host at once, in {@code hostRegion}. */
    RoomView create(ChorusPrincipal host, RoomRequests.Create request, String hostRegion) {
        Instant now = clock.instant();
        int limit = request.speakerLimit() == null ? properties.speakerLimit() : request.speakerLimit();
        if (limit > properties.speakerLimit()) {
            throw ApiProblem.badRequest("invalid-input", "speakerLimit: at most " + properties.speakerLimit());
        }
        List<String> invited = request.invitees() == null ? List.of()
                : accounts.userIdsByUsernames(new LinkedHashSet<>(request.invitees()));
        boolean scheduled = request.scheduledStart() != null
                && request.scheduledStart().isAfter(now.plus(START_NOW_TOLERANCE));
        RoomStatus status = scheduled ? RoomStatus.SCHEDULED : RoomStatus.LIVE;
        String description = request.description() == null ? "" : request.description().strip();
        Room room = rooms.save(new Room(null, request.title().strip(), description, request.visibility(), status,
                host.userId(), invited, scheduled ? request.scheduledStart() : null, now, null, limit));
        live.create(room.id(), room.title(), host.userId(), room.visibility().wire(), status.wire(), limit, invited);
        messaging.publish(List.of(new RoomCreated(room.id(), 1, now, host.userId(), room.title(),
                room.visibility().wire())), List.of());
        log.info("User {} created {} room {} ({}){}", host.userId(), room.visibility().wire(), room.id(), room.title(),
                scheduled ? " scheduled for " + room.scheduledStart() : "");
        if (!scheduled) {
            stage.join(room.id(), host, hostRegion);
        }
        return view(room.id());
    }

    RoomView view(String roomId) {
        Room room = rooms.findById(roomId).orElseThrow(() -> ApiProblem.notFound("Room " + roomId));
        return view(room);
    }

    RoomView edit(String roomId, ChorusPrincipal actor, RoomRequests.Edit edit) {
        Room room = rooms.findById(roomId).orElseThrow(() -> ApiProblem.notFound("Room " + roomId));
        String title = edit.title() == null ? room.title() : edit.title().strip();
        String description = edit.description() == null ? room.description() : edit.description().strip();
        if (title.isEmpty()) {
            throw ApiProblem.badRequest("invalid-input", "title: must not be blank");
        }
        locks.withRoom(roomId, () -> {
            long seq = stage.nextSeq(roomId, actor.userId(), true);
            rooms.save(room.withText(title, description));
            live.retitle(roomId, title);
            messaging.publish(List.of(new RoomUpdated(roomId, seq, clock.instant(), actor.userId(), title, description)),
                    List.of());
            return null;
        });
        log.info("User {} edited room {}", actor.userId(), roomId);
        return view(roomId);
    }

    RoomView end(String roomId, ChorusPrincipal actor) {
        rooms.findById(roomId).orElseThrow(() -> ApiProblem.notFound("Room " + roomId));
        stage.end(roomId, actor.userId());
        return view(roomId);
    }

    RoomView invite(String roomId, ChorusPrincipal actor, RoomRequests.Invite invite) {
        Room room = rooms.findById(roomId).orElseThrow(() -> ApiProblem.notFound("Room " + roomId));
        boolean moderates = actor.userId().equals(room.hostId()) || stage.snapshot(roomId).stage().stream()
                .anyMatch(m -> m.userId().equals(actor.userId()) && (m.role().equals("host") || m.role().equals("moderator")));
        if (!moderates) {
            throw ApiProblem.forbidden("not-moderator", "Only the host and moderators may invite");
        }
        List<String> added = accounts.userIdsByUsernames(invite.usernames());
        LinkedHashSet<String> all = new LinkedHashSet<>(room.invitedUserIds() == null ? List.of() : room.invitedUserIds());
        all.addAll(added);
        rooms.save(room.withInvited(new ArrayList<>(all)));
        live.allow(roomId, added);
        log.info("User {} invited {} user(s) to room {}", actor.userId(), added.size(), roomId);
        return view(roomId);
    }

    Hallway hallway(int page, int size) {
        List<String> ids = live.hallwayPage(page, size);
        Map<String, Room> found = rooms.findAllById(ids).stream().collect(Collectors.toMap(Room::id, Function.identity()));
        List<RoomView> liveRooms = ids.stream().filter(found::containsKey).map(id -> view(found.get(id))).toList();
        List<RoomView> upcoming = rooms.findByStatusAndVisibilityAndScheduledStartAfterOrderByScheduledStartAsc(
                RoomStatus.SCHEDULED, Visibility.PUBLIC, clock.instant().minus(Duration.ofHours(1)), PageRequest.of(0, 20))
                .stream().map(this::view).toList();
        return new Hallway(liveRooms, page, size, live.hallwaySize(), upcoming);
    }

    private RoomView view(Room room) {
        RoomStatus status = room.status();
        long listeners = 0;
        List<RoomView.OnStage> onStage = List.of();
        if (status != RoomStatus.ENDED) {
            RoomSnapshot snapshot = stage.snapshot(room.id());
            status = RoomStatus.ofWire(snapshot.status());
            listeners = snapshot.counts().audience();
            onStage = snapshot.stage().stream()
                    .map(m -> new RoomView.OnStage(m.userId(), m.displayName(), m.role())).toList();
        }
        return new RoomView(room.id(), room.title(), room.description(), room.visibility().wire(), status.wire(),
                room.hostId(), room.scheduledStart(), room.createdAt(), room.endedAt(), room.speakerLimit(), listeners,
                onStage);
    }
}
