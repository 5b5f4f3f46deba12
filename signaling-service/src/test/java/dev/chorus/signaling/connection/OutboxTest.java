package dev.chorus.signaling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

class OutboxTest {

    private final ExecutorService senders = Executors.newFixedThreadPool(2);
    private final WebSocketSession session = mock(WebSocketSession.class);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowReports = new AtomicInteger();

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    @Test
    void sendsFramesInTheOrderOffered() throws Exception {
        doAnswer(call -> sent.add(((TextMessage) call.getArgument(0)).getPayload())).when(session).sendMessage(any());
        Outbox outbox = new Outbox(session, senders, 1_000_000, 5_000_000_000L, o -> slowReports.incrementAndGet(), e -> { });

        for (int i = 0; i < 500; i++) {
            outbox.offer(EncodedFrame.of("f" + i));
        }

        await().until(() -> sent.size() == 500);
        assertThat(sent).isEqualTo(IntStream.range(0, 500).mapToObj(i -> "f" + i).toList());
        assertThat(slowReports).hasValue(0);
    }

    @Test
    void aSocketThatStopsReadingIsReportedSlowOnceAndTakesNoMoreFrames() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        doAnswer(call -> {
            sent.add(((TextMessage) call.getArgument(0)).getPayload());
            stuck.await();
            return null;
        }).when(session).sendMessage(any());
        Outbox outbox = new Outbox(session, senders, 100, 5_000_000_000L, o -> slowReports.incrementAndGet(), e -> { });

        outbox.offer(EncodedFrame.of("first"));
        await().until(() -> sent.size() == 1);
        for (int i = 0; i < 50; i++) {
            outbox.offer(EncodedFrame.of("0123456789"));
        }
        stuck.countDown();
        await().until(outbox::isEmpty);

        assertThat(slowReports).hasValue(1);
        assertThat(sent).containsExactly("first");
    }

    /** Tomcat's own write timeout closes the socket inside the send, before the send throws. */
    @Test
    void aSendThatTimesOutIsReportedSlowEvenIfTheSocketWasClosedMeanwhile() throws Exception {
        AtomicReference<Outbox> outbox = new AtomicReference<>();
        doAnswer(call -> {
            Thread.sleep(60);
            outbox.get().close();
            throw new SocketTimeoutException("Write timeout");
        }).when(session).sendMessage(any());
        outbox.set(new Outbox(session, senders, 1_000_000, 50_000_000L, o -> slowReports.incrementAndGet(), e -> { }));

        outbox.get().offer(EncodedFrame.of("never read"));

        await().until(() -> slowReports.get() == 1);
        outbox.get().offer(EncodedFrame.of("after the close"));
        await().until(outbox.get()::isEmpty);
        assertThat(slowReports).hasValue(1);
    }
}
