package io.skysync.client.watch;

import java.time.Duration;

/**
 * Coalesces a burst of file events into one sync: due once no event came for {@code settle}, or
 * {@code maxDelay} after the burst's first event, whichever is first. An editor's
 * save-to-temp-then-rename, a checkout of thousands of files and a file still being written each
 * become one sync (or, for writes that go on longer than {@code maxDelay}, one per {@code maxDelay}).
 * Times are monotonic nanoseconds passed in, so tests need no clock.
 */
final class Debounce {
    private final long settle;
    private final long maxDelay;
    private boolean pending;
    private long first;
    private long last;

    Debounce(Duration settle, Duration maxDelay) {
        this.settle = settle.toNanos();
        this.maxDelay = maxDelay.toNanos();
    }

    void touch(long now) {
        if (!pending) {
            pending = true;
            first = now;
        }
        last = now;
    }

    boolean pending() {
        return pending;
    }

    /** When the burst should be synced; {@link Long#MAX_VALUE} if there is none. */
    long dueAt() {
        return pending ? Math.min(last + settle, first + maxDelay) : Long.MAX_VALUE;
    }

    void clear() {
        pending = false;
    }
}
