package dev.chorus.room.chat;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface MessageRepository extends MongoRepository<Message, String> {

    List<Message> findByRoomIdAndDeletedAtIsNullAndSeqLessThanOrderBySeqDesc(String roomId, long beforeSeq, Pageable page);

    Optional<Message> findByIdAndRoomId(String id, String roomId);
}
