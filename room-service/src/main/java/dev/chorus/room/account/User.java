package dev.chorus.room.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An account. {@code usernameKey} is the lower-cased username, unique, so "Ada" and "ada" are one name. */
@Document("users")
record User(@Id String id, String username, @Indexed(unique = true) String usernameKey, String displayName,
        String bio, String passwordHash, Instant createdAt) {

    User withProfile(String newDisplayName, String newBio) {
        return new User(id, username, usernameKey, newDisplayName, newBio, passwordHash, createdAt);
    }
}
