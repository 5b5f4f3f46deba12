package dev.chorus.room.chat;

import java.time.Instant;

public record MessageView(String id, String roomId, String authorId, String authorName, String text, Instant postedAt,
        long seq) {

    static MessageView of(Message message) {
        return new MessageView(message.id(), message.roomId(), message.authorId(), message.authorName(), message.text(),
                message.postedAt(), message.seq());
    }
}
