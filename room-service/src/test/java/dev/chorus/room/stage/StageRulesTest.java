package dev.chorus.room.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.room.system.ChorusNames;
import dev.chorus.testsupport.ChorusTestServers;
import dev.chorus.testsupport.ServerAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The stage rules as the Lua scripts enforce them, run against Redis without the rest of the service:
 * roles, the stage limit, host hand-over and the end of a room.
 */
class StageRulesTest {

    private static LettuceConnectionFactory connection;
    private LiveRooms live;
    private final String room = "r1";

    @BeforeAll
    static void connect() {
        ServerAddress redis = ChorusTestServers.redis();
        connection = new LettuceConnectionFactory(redis.host(), redis.port());
        connection.afterPropertiesSet();
    }

    @AfterAll
    static void disconnect() {
        connection.destroy();
    }

    @BeforeEach
    void freshRoom() {
        StringRedisTemplate redis = new StringRedisTemplate(connection);
        String prefix = "rules-" + UUID.randomUUID() + ":";
        live = new LiveRooms(redis, new ChorusNames(new ChorusNames.Redis(prefix)),
                Clock.systemUTC());
        live.create(room, "Rules", "host", "public", "live", 3, List.of());
        join("host");
    }

    @Test
    void theHostJoinsAsHostAndEveryoneElseAsListener() {
        assertThat(join("ada").string(1)).isEqualTo("listener");
        assertThat(run(RoomScript.JOIN, "ada", null, "Ada").status()).as("joining twice").isEqualTo("ALREADY");
    }

    @Test
    void theStageLimitCountsTheHostAndHoldsForInvitationsAndAcceptances() {
        for (String user : List.of("a", "b", "c")) {
            join(user);
            run(RoomScript.INVITE, "host", user, null).orThrow();
        }
        run(RoomScript.ACCEPT, "a", null, null).orThrow();
        run(RoomScript.ACCEPT, "b", null, null).orThrow();

        assertThat(run(RoomScript.ACCEPT, "c", null, null).string(1)).isEqualTo("stage-full");
        join("d");
        assertThat(run(RoomScript.INVITE, "host", "d", null).string(1)).isEqualTo("stage-full");
        assertThat(run(RoomScript.CHANGE_ROLE, "host", "d", "moderator").string(1)).isEqualTo("stage-full");
    }

    @Test
    void onlyModeratorsModerateAndOnlyTheHostActsOnModerators() {
        join("mod");
        join("other");
        join("ada");
        run(RoomScript.CHANGE_ROLE, "host", "mod", "moderator").orThrow();
        run(RoomScript.CHANGE_ROLE, "host", "other", "moderator").orThrow();

        assertThat(run(RoomScript.INVITE, "ada", "mod", null).string(1)).isEqualTo("not-moderator");
        assertThat(run(RoomScript.CHANGE_ROLE, "mod", "other", "listener").string(1)).isEqualTo("host-only");
        assertThat(run(RoomScript.MUTE, "mod", "host", "1").string(1)).isEqualTo("target-is-host");
        assertThat(run(RoomScript.REMOVE, "mod", "host", null).string(1)).isEqualTo("target-is-host");
        assertThat(run(RoomScript.CHANGE_ROLE, "host", "other", "listener").status()).isEqualTo("OK");
    }

    @Test
    void speakersUnmuteOnlyThemselves() {
        join("ada");
        run(RoomScript.INVITE, "host", "ada", null).orThrow();
        run(RoomScript.ACCEPT, "ada", null, null).orThrow();
        run(RoomScript.MUTE, "host", "ada", "1").orThrow();

        assertThat(run(RoomScript.MUTE, "host", "ada", "0").string(1)).isEqualTo("only-self-unmute");
        assertThat(run(RoomScript.MUTE, "ada", "ada", "0").status()).isEqualTo("OK");
        assertThat(run(RoomScript.MUTE, "ada", "ada", "0").status()).as("already unmuted").isEqualTo("SAME");
    }

    @Test
    void theLongestServingModeratorInheritsTheHostAndTheLastModeratorEndsTheRoom() {
        join("first");
        join("second");
        run(RoomScript.CHANGE_ROLE, "host", "first", "moderator").orThrow();
        run(RoomScript.CHANGE_ROLE, "host", "second", "moderator").orThrow();

        ScriptResult hostLeft = run(RoomScript.LEAVE, "host", null, null).orThrow();
        assertThat(hostLeft.string(3)).isEqualTo("HOST");
        assertThat(hostLeft.string(5)).isEqualTo("first");

        run(RoomScript.LEAVE, "second", null, null).orThrow();
        ScriptResult lastLeft = run(RoomScript.LEAVE, "first", null, null).orThrow();
        assertThat(lastLeft.string(3)).isEqualTo("ENDED");
        assertThat(run(RoomScript.JOIN, "late", null, "Late").string(1)).isEqualTo("room-ended");
    }

    @Test
    void handsQueueInTheOrderRaisedAndAnInvitationLowersOne() throws Exception {
        join("a");
        join("b");
        run(RoomScript.RAISE_HAND, "b", null, null).orThrow();
        Thread.sleep(2);
        run(RoomScript.RAISE_HAND, "a", null, null).orThrow();
        assertThat(run(RoomScript.RAISE_HAND, "a", null, null).status()).isEqualTo("SAME");

        assertThat(new SnapshotReader(live).read(room).raisedHands()).containsExactly("b", "a");
        run(RoomScript.INVITE, "host", "b", null).orThrow();
        assertThat(new SnapshotReader(live).read(room).raisedHands()).containsExactly("a");
    }

    private ScriptResult join(String user) {
        return run(RoomScript.JOIN, user, null, user).orThrow();
    }

    private ScriptResult run(RoomScript script, String actor, String target, String extra) {
        return live.run(script, room, actor, target, extra);
    }
}
