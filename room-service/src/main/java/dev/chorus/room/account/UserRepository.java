package dev.chorus.room.account;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface UserRepository extends MongoRepository<User, String> {

    Optional<User> findByUsernameKey(String usernameKey);
}
