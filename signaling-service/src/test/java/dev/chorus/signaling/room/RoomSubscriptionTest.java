package dev.chorus.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.signaling.TestProperties;
import dev.chorus.signaling.connection.EncodedFrame;
import dev.chorus.signaling.connection.LocalConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

class RoomSubscriptionTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final RoomSubscription subscription;

    RoomSubscriptionTest() throws Exception {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.getId()).thenReturn("s1");
        doAnswer(call -> sent.add(((TextMessage) call.getArgument(0)).getPayload())).when(session).sendMessage(any());
        LocalConnections connections = new LocalConnections(TestProperties.defaults(), new SimpleMeterRegistry());
        subscription = new RoomSubscription(
                connections.open(session, new ChorusPrincipal("u1", "ada", "Ada"), "token", null, user -> { }), "r1");
    }

    @Test
    void eventsArrivingWhileTheSnapshotLoadsFollowItOnlyIfNewer() {
        subscription.offer(4, frame("e4"));
        subscription.offer(6, frame("e6"));
        subscription.offer(5, frame("e5"));

        boolean gap = subscription.applySnapshot(4, frame("snapshot@4"));

        assertThat(gap).isFalse();
        assertSent("snapshot@4", "e5", "e6");
    }

    @Test
    void eachEventOnceAndInOrderThenAGapAsksForASnapshot() {
        subscription.applySnapshot(10, frame("snapshot@10"));

        assertThat(subscription.offer(11, frame("e11"))).isFalse();
        assertThat(subscription.offer(11, frame("e11 again"))).isFalse();
        assertThat(subscription.offer(9, frame("e9 late"))).isFalse();
        assertThat(subscription.offer(13, frame("e13"))).isTrue();
        assertThat(subscription.offer(14, frame("e14"))).isFalse();
        assertThat(subscription.applySnapshot(13, frame("snapshot@13"))).isFalse();

        assertSent("snapshot@10", "e11", "snapshot@13", "e14");
    }

    @Test
    void aResyncWhileASnapshotIsLoadingLoadsNoSecondOne() {
        assertThat(subscription.requestResync()).isFalse();
        subscription.applySnapshot(1, frame("snapshot@1"));
        assertThat(subscription.requestResync()).isTrue();
        assertThat(subscription.requestResync()).isFalse();
    }

    @Test
    void afterUnsubscribingNeitherALateSnapshotNorEventsReachTheSocket() {
        subscription.applySnapshot(1, frame("snapshot@1"));
        subscription.cancel();

        subscription.applySnapshot(2, frame("late snapshot@2"));
        subscription.offer(2, frame("e2"));
        subscription.offer(3, frame("e3"));
        subscription.connection().send(frame("marker")); // the outbox keeps order: anything wrongly sent comes before

        assertSent("snapshot@1", "marker");
    }

    private static EncodedFrame frame(String text) {
        return EncodedFrame.of(text);
    }

    private void assertSent(String... frames) {
        await().until(() -> sent.size() >= frames.length);
        assertThat(sent).containsExactly(frames);
    }
}
