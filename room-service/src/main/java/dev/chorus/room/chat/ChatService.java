package dev.chorus.room.chat;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.contracts.events.MessageDeleted;
import dev.chorus.contracts.events.MessagePosted;
import dev.chorus.room.messaging.RoomLocks;
import dev.chorus.room.messaging.RoomMessaging;
import dev.chorus.room.stage.StageService;
import dev.chorus.room.system.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/** Chat beside the talk: stored first, then broadcast as a room event. */
@Service
class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final MessageRepository messages;
    private final StageService stage;
    private final ChatLimiter limiter;
    private final RoomLocks locks;
    private final RoomMessaging messaging;
    private final Clock clock;
    private final Counter posted;

    ChatService(MessageRepository messages, StageService stage, ChatLimiter limiter, RoomLocks locks,
            RoomMessaging messaging, Clock clock, MeterRegistry meters) {
        this.messages = messages;
        this.stage = stage;
        this.limiter = limiter;
        this.locks = locks;
        this.messaging = messaging;
        this.clock = clock;
        this.posted = Counter.builder("chorus.room.messages").description("Chat messages posted").register(meters);
    }

    MessageView post(String roomId, ChorusPrincipal author, String text) {
        String body = text.strip();
        if (body.isEmpty()) {
            throw ApiProblem.badRequest("invalid-input", "text: must not be blank");
        }
        stage.requireMember(roomId, author.userId());
        limiter.check(roomId, author.userId());
        Message saved = locks.withRoom(roomId, () -> {
            long seq = stage.nextSeq(roomId, author.userId(), false);
            Instant now = clock.instant();
            Message message = messages.save(new Message(null, roomId, seq, author.userId(), author.displayName(), body,
                    now, null, null));
            messaging.publish(List.of(new MessagePosted(roomId, seq, now, author.userId(), message.id(),
                    author.userId(), author.displayName(), body)), List.of());
            return message;
        });
        posted.increment();
        log.info("User {} posted message {} in room {} (seq {})", author.userId(), saved.id(), roomId, saved.seq());
        return MessageView.of(saved);
    }

    record Page(List<MessageView> items, String nextCursor) {
    }

    Page history(String roomId, String userId, String before, int limit) {
        stage.requireMember(roomId, userId);
        long beforeSeq = parseCursor(before);
        List<MessageView> items = messages.findByRoomIdAndDeletedAtIsNullAndSeqLessThanOrderBySeqDesc(roomId,
                beforeSeq, PageRequest.of(0, limit)).stream().map(MessageView::of).toList();
        String next = items.size() == limit ? Long.toString(items.get(items.size() - 1).seq()) : null;
        return new Page(items, next);
    }

    void delete(String roomId, String messageId, ChorusPrincipal moderator) {
        Message message = messages.findByIdAndRoomId(messageId, roomId)
                .filter(m -> m.deletedAt() == null)
                .orElseThrow(() -> ApiProblem.notFound("Message " + messageId));
        locks.withRoom(roomId, () -> {
            long seq = stage.nextSeq(roomId, moderator.userId(), true);
            Instant now = clock.instant();
            messages.save(message.deleted(moderator.userId(), now));
            messaging.publish(List.of(new MessageDeleted(roomId, seq, now, moderator.userId(), messageId)), List.of());
            return null;
        });
        log.info("Moderator {} deleted message {} in room {}", moderator.userId(), messageId, roomId);
    }

    private static long parseCursor(String before) {
        if (before == null || before.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("invalid-cursor", "before: not a cursor this API gave out");
        }
    }
}
