package io.skysync.client.watch;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Where signals queue for a watcher's loop; the loop's only wait. Tests pass one on simulated time. */
public interface Inbox {

    void post(Signal signal);

    /** The next signal, waiting up to {@code timeoutNanos}; null if none came. */
    Signal take(long timeoutNanos) throws InterruptedException;

    /** The next signal if one is queued; null otherwise. */
    Signal poll();

    /** A real queue: {@link #take} waits on the monotonic clock. */
    static Inbox queue() {
        LinkedBlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
        return new Inbox() {
            @Override
            public void post(Signal signal) {
                queue.add(signal);
            }

            @Override
            public Signal take(long timeoutNanos) throws InterruptedException {
                return queue.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
            }

            @Override
            public Signal poll() {
                return queue.poll();
            }
        };
    }
}
