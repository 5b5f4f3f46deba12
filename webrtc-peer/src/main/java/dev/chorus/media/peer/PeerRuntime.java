package dev.chorus.media.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads many synthetic peers share, so that thousands fit in one JVM: a few selector loops
 * reading every peer's non-blocking socket, one scheduler pacing all senders (each packet is a
 * short task, not a sleeping thread), and small pools for DTLS handshakes (bctls blocks while a
 * handshake waits for the network, so it never runs on a selector loop). The project targets
 * Java 17, without virtual threads; this design keeps the thread count constant in the number of
 * peers anyway.
 */
public final class PeerRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerRuntime.class);

    private final List<IoLoop> loops = new ArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor clientHandshakes;
    private final ThreadPoolExecutor serverHandshakes;
    private final AtomicInteger nextLoop = new AtomicInteger();

    private PeerRuntime(int ioThreads, int schedulerThreads, int handshakeThreads) {
        scheduler = new ScheduledThreadPoolExecutor(schedulerThreads, daemon("peer-pacer"));
        scheduler.setRemoveOnCancelPolicy(true);
        clientHandshakes = handshakePool(handshakeThreads, "peer-dtls-client");
        serverHandshakes = handshakePool(handshakeThreads, "peer-dtls-server");
        for (int i = 0; i < ioThreads; i++) {
            loops.add(new IoLoop("peer-io-" + i));
        }
    }

    /** A runtime sized for tests: one selector loop, one pacer, four handshake threads per role. */
    public static PeerRuntime start() {
        return start(1, 1, 4);
    }

    /** A runtime with the given thread counts (for benchmarks driving thousands of peers). */
    public static PeerRuntime start(int ioThreads, int schedulerThreads, int handshakeThreads) {
        return new PeerRuntime(ioThreads, schedulerThreads, handshakeThreads);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Client and server handshakes get separate pools: a blocked client waits for its server's
     * task, which must never queue behind other waiting clients (peers in both roles share a
     * runtime in direct tests).
     */
    ExecutorService handshakes(boolean server) {
        return server ? serverHandshakes : clientHandshakes;
    }

    private static ThreadPoolExecutor handshakePool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Opens a non-blocking UDP socket on {@code bindAddress} read by one of the loops. */
    DatagramChannel open(InetSocketAddress bindAddress, SyntheticPeer peer) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(bindAddress);
            channel.configureBlocking(false);
            loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size())).register(channel, peer);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on " + bindAddress, e);
        }
    }

    /** Stops every thread and closes the sockets of peers still open. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        clientHandshakes.shutdownNow();
        serverHandshakes.shutdownNow();
        loops.forEach(IoLoop::stop);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One selector thread: reads datagrams into one reusable array and hands them to peers. */
    private static final class IoLoop implements Runnable {
        private final Selector selector;
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final byte[] receiveArray = new byte[2048];
        private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveArray);
        private volatile boolean running = true;

        IoLoop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void register(DatagramChannel channel, SyntheticPeer peer) {
            pending.add(() -> {
                try {
                    channel.register(selector, SelectionKey.OP_READ, peer);
                } catch (IOException e) {
                    log.warn("cannot register {}: {}", peer, e.toString());
                }
            });
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    selector.select(1000);
                    for (Runnable r; (r = pending.poll()) != null; ) {
                        r.run();
                    }
                    for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (key.isValid() && key.isReadable()) {
                            drain((DatagramChannel) key.channel(), (SyntheticPeer) key.attachment());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("peer IO loop {}: {}", thread.getName(), e.toString());
                }
            }
            try {
                for (SelectionKey key : selector.keys()) {
                    key.channel().close(); // sockets of peers nobody closed
                }
                selector.close();
            } catch (IOException e) {
                log.debug("closing selector: {}", e.toString());
            }
        }

        private void drain(DatagramChannel channel, SyntheticPeer peer) {
            for (int i = 0; i < 64; i++) { // bounded so one busy socket cannot starve the others
                receiveBuffer.clear();
                InetSocketAddress from;
                try {
                    from = (InetSocketAddress) channel.receive(receiveBuffer);
                } catch (IOException e) {
                    return; // closed socket or ICMP error: nothing to read now
                }
                if (from == null) {
                    return;
                }
                peer.onDatagram(receiveArray, receiveBuffer.position(), from);
            }
        }
    }
}
