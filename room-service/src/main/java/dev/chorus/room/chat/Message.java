package dev.chorus.room.chat;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A chat message. {@code seq} is the room event sequence of its posting, which also orders history. */
@Document("messages")
@CompoundIndex(name = "room_seq", def = "{'roomId': 1, 'seq': -1}")
record Message(@Id String id, String roomId, long seq, String authorId, String authorName, String text,
        Instant postedAt, Instant deletedAt, String deletedBy) {

    Message deleted(String by, Instant at) {
        return new Message(id, roomId, seq, authorId, authorName, text, postedAt, at, by);
    }
}
