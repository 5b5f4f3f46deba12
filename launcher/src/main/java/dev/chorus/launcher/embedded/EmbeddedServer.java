package dev.chorus.launcher.embedded;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * An in-process or child-process server the services need. Started before any service context
 * (phase {@link #PHASE}), stopped after all of them; also stopped when startup fails half-way,
 * which Spring reports through {@link #destroy()} rather than {@link #stop()}.
 */
public abstract class EmbeddedServer implements SmartLifecycle, DisposableBean {

    /** Before {@code ServiceContexts}, which in turn runs before the gateway's web server. */
    public static final int PHASE = 0;

    private volatile boolean running;

    /** Short name for the startup report, e.g. "Redis". */
    public abstract String name();

    /** Where clients reach it, e.g. "redis://127.0.0.1:6379". */
    public abstract String address();

    protected abstract void startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    @Override
    public final synchronized void start() {
        if (running) {
            return;
        }
        try {
            startServer();
        } catch (Exception e) {
            throw new IllegalStateException(name() + " did not start: " + e.getMessage(), e);
        }
        running = true;
    }

    @Override
    public final synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            stopServer();
        } catch (Exception e) {
            throw new IllegalStateException(name() + " did not stop cleanly: " + e.getMessage(), e);
        }
    }

    @Override
    public final void destroy() {
        stop();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return PHASE;
    }
}
