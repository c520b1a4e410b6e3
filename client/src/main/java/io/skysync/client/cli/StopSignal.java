package io.skysync.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request to stop long-running commands cleanly ({@code watch}): Ctrl-C and SIGTERM raise it
 * through the JVM's shutdown hook ({@link io.skysync.client.Main}), tests raise it themselves.
 * A command subscribes while it runs; the hook waits for the subscriptions to end (each command
 * finishes the step in progress), up to a grace period.
 */
public final class StopSignal {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean requested;

    /** Until closed, {@code onStop} runs when a stop is requested (at once if one already was). */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    public Subscription whenRequested(Runnable onStop) {
        listeners.add(onStop);
        if (requested) {
            onStop.run();
        }
        return () -> {
            synchronized (this) {
                listeners.remove(onStop);
                notifyAll();
            }
        };
    }

    public void request() {
        requested = true;
        listeners.forEach(Runnable::run);
    }

    public boolean requested() {
        return requested;
    }

    /** Requests a stop, then waits until every subscriber has finished, at most {@code grace}. */
    public void requestAndAwait(Duration grace) throws InterruptedException {
        request();
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (!listeners.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
