package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Racing requests from many clients at once end in exactly the state the rules allow. */
class ConcurrencyTest extends RoomServiceIntegrationTest {

    @Test
    void aDoubleClickedJoinJoinsOnce() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User ada = api.signUp(unique("ada"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Race", "visibility", "public")).text("id");

        List<Integer> statuses = all(20, i -> api.post("/api/v1/rooms/" + room + "/join", ada.token(), null).status());

        assertThat(statuses).containsOnly(200);
        var snapshot = api.get("/api/v1/rooms/" + room + "/snapshot", ada.token()).body();
        assertThat(snapshot.path("counts").path("audience").asInt()).isEqualTo(1);
        assertThat(snapshot.path("seq").asLong()).as("room-created, host joined, Ada joined").isEqualTo(3);
    }

    @Test
    void twoModeratorsInvitingTheSameListenerAtOnceMakeOneInvitation() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User mod = api.signUp(unique("mod"));
        ApiClient.User ada = api.signUp(unique("ada"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Race", "visibility", "public")).text("id");
        api.post("/api/v1/rooms/" + room + "/join", mod.token(), null);
        api.post("/api/v1/rooms/" + room + "/members/" + mod.id() + "/moderator", host.token(), null);
        api.post("/api/v1/rooms/" + room + "/join", ada.token(), null);
        String[] moderators = {host.token(), mod.token()};

        List<Integer> statuses = all(2, i -> api.post("/api/v1/rooms/" + room + "/members/" + ada.id() + "/invite",
                moderators[i], null).status());

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(api.get("/api/v1/rooms/" + room + "/snapshot", ada.token()).body().path("invited").size()).isEqualTo(1);
    }

    @Test
    void fiftyPromotionsAgainstAStageOfFiveFillItExactly() throws Exception {
        ApiClient.User host = api.signUp(unique("host"));
        String room = api.post("/api/v1/rooms", host.token(),
                Map.of("title", "Crowded", "visibility", "public", "speakerLimit", 5)).text("id");
        List<ApiClient.User> crowd = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ApiClient.User user = api.signUp(unique("u" + i));
            api.post("/api/v1/rooms/" + room + "/join", user.token(), null);
            crowd.add(user);
        }
        // Invitations are given while the stage still has room; accepting is where the race is.
        for (ApiClient.User user : crowd) {
            var invited = api.post("/api/v1/rooms/" + room + "/members/" + user.id() + "/invite", host.token(), null);
            assertThat(invited.status()).isEqualTo(200);
        }

        List<Integer> statuses = all(50, i -> api.post("/api/v1/rooms/" + room + "/invitation/accept",
                crowd.get(i).token(), null).status());

        assertThat(statuses.stream().filter(s -> s == 200).count()).as("four speakers join the host").isEqualTo(4);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(46);
        var snapshot = api.get("/api/v1/rooms/" + room + "/snapshot", host.token()).body();
        assertThat(snapshot.path("stage").size()).isEqualTo(5);
        assertThat(snapshot.path("counts").path("audience").asInt()).isEqualTo(46);
    }

    private interface Call {
        int run(int index) throws Exception;
    }

    /** Runs the calls together, released at the same instant, and answers their results. */
    private static List<Integer> all(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.run(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
