package dev.chorus.voice.session;

import dev.chorus.voice.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The room→bridge map, members' endpoints and the relays between a room's bridges in Redis, shared by every voice-service instance. */
@Component
public class VoiceStore {

    private static final Duration LOCK_TTL = Duration.ofSeconds(10);
    private static final DefaultRedisScript<Long> UNLOCK = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    VoiceStore(StringRedisTemplate redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    public Optional<ConferencePlacement> conference(String roomId, String region) {
        Object value = redis.opsForHash().get(keys.conferences(roomId), region);
        return Optional.ofNullable(value).map(v -> json.readValue((String) v, ConferencePlacement.class));
    }

    public List<ConferencePlacement> conferences(String roomId) {
        return redis.opsForHash().values(keys.conferences(roomId)).stream()
                .map(v -> json.readValue((String) v, ConferencePlacement.class)).toList();
    }

    public void saveConference(String roomId, ConferencePlacement placement) {
        redis.opsForHash().put(keys.conferences(roomId), placement.region(), json.writeValueAsString(placement));
        redis.opsForSet().add(keys.bridgeRooms(placement.bridge()), roomId);
    }

    /** Forgets a conference, but only if it is still the one given (another instance may have replaced it). */
    public void forgetConference(String roomId, ConferencePlacement placement) {
        conference(roomId, placement.region()).filter(placement::equals)
                .ifPresent(p -> redis.opsForHash().delete(keys.conferences(roomId), p.region()));
        redis.opsForSet().remove(keys.bridgeRooms(placement.bridge()), roomId);
    }

    public Set<String> roomsOn(String bridge) {
        Set<String> rooms = redis.opsForSet().members(keys.bridgeRooms(bridge));
        return rooms == null ? Set.of() : rooms;
    }

    public Optional<MemberVoice> member(String roomId, String userId) {
        Object value = redis.opsForHash().get(keys.members(roomId), userId);
        return Optional.ofNullable(value).map(v -> json.readValue((String) v, MemberVoice.class));
    }

    public List<MemberVoice> members(String roomId) {
        Map<Object, Object> entries = redis.opsForHash().entries(keys.members(roomId));
        List<MemberVoice> members = new ArrayList<>();
        entries.values().forEach(v -> members.add(json.readValue((String) v, MemberVoice.class)));
        return members;
    }

    public void saveMember(String roomId, MemberVoice member) {
        redis.opsForHash().put(keys.members(roomId), member.userId(), json.writeValueAsString(member));
    }

    public void forgetMember(String roomId, String userId) {
        redis.opsForHash().delete(keys.members(roomId), userId);
    }

    public List<RelayPair> relayPairs(String roomId) {
        return redis.opsForHash().values(keys.relays(roomId)).stream()
                .map(v -> json.readValue((String) v, RelayPair.class)).toList();
    }

    public void saveRelayPair(String roomId, RelayPair pair) {
        redis.opsForHash().put(keys.relays(roomId), pair.key(), json.writeValueAsString(pair));
    }

    public void forgetRelayPair(String roomId, RelayPair pair) {
        redis.opsForHash().delete(keys.relays(roomId), pair.key());
    }

    /** Records whether every two of the room's conferences are linked by relays. */
    public void relaysComplete(String roomId, boolean complete) {
        if (complete) {
            redis.opsForSet().remove(keys.unlinkedRooms(), roomId);
        } else {
            redis.opsForSet().add(keys.unlinkedRooms(), roomId);
        }
    }

    public boolean isUnlinked(String roomId) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(keys.unlinkedRooms(), roomId));
    }

    /** The rooms whose relays could not all be set up. */
    public Set<String> unlinkedRooms() {
        Set<String> rooms = redis.opsForSet().members(keys.unlinkedRooms());
        return rooms == null ? Set.of() : rooms;
    }

    public void forgetRoom(String roomId) {
        redis.opsForSet().remove(keys.unlinkedRooms(), roomId);
        conferences(roomId).forEach(p -> redis.opsForSet().remove(keys.bridgeRooms(p.bridge()), roomId));
        redis.delete(List.of(keys.conferences(roomId), keys.members(roomId), keys.relays(roomId)));
    }

    /**
     * Runs {@code work} while holding a Redis lock, so that two instances (or two deliveries of one
     * command) never allocate twice what must exist once.
     */
    public <T> T locked(String what, Supplier<T> work) {
        String key = keys.lock(what);
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + LOCK_TTL.toNanos();
        while (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, owner, LOCK_TTL))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("lock " + what + " not released within " + LOCK_TTL);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for lock " + what, e);
            }
        }
        try {
            return work.get();
        } finally {
            redis.execute(UNLOCK, List.of(key), owner);
        }
    }
}
