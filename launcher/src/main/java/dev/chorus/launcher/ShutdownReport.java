package dev.chorus.launcher;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Says when everything has stopped: stops last (lowest phase), after the gateway, the services and
 * the embedded servers. Printed rather than logged, because each service context takes the shared
 * logging system down with it when it closes.
 */
@Component
class ShutdownReport implements SmartLifecycle {

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        System.out.println("Chorus stopped: services closed, embedded servers stopped, data saved.");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
