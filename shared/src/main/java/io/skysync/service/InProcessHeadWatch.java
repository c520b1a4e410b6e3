package io.skysync.service;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link HeadWatch} for a backend that serves every commit of its vaults in one process (the
 * embedded local backend): commits notify waiting requests through one monitor. It remembers the
 * highest head each vault reached, so a commit that lands between a request's read of the log and
 * the start of its wait still wakes it at once. At most {@code maxWaiters} requests wait at a time
 * (each holds a server thread); a request beyond that answers at once and its client polls.
 */
public final class InProcessHeadWatch implements HeadWatch, AutoCloseable {
    private final Duration maxWait;
    private final int maxWaiters;
    private final Map<VaultId, Long> heads = new HashMap<>();
    private int waiters;
    private boolean closed;

    public InProcessHeadWatch(Duration maxWait, int maxWaiters) {
        if (maxWait.isNegative() || maxWaiters < 0) {
            throw new IllegalArgumentException("maxWait and maxWaiters must not be negative");
        }
        this.maxWait = maxWait;
        this.maxWaiters = maxWaiters;
    }

    @Override
    public Duration maxWait() {
        return maxWait;
    }

    @Override
    public synchronized boolean awaitPast(VaultId vault, Seq since, Duration timeout) {
        if (movedPast(vault, since)) {
            return true;
        }
        if (closed || waiters >= maxWaiters || timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        waiters++;
        try {
            long left = timeout.toNanos();
            while (!movedPast(vault, since) && !closed && left > 0) {
                wait(Math.max(1, left / 1_000_000));
                left = deadline - System.nanoTime();
            }
            return movedPast(vault, since);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters--;
        }
    }

    @Override
    public synchronized void moved(VaultId vault, Seq head) {
        if (head.value() > heads.getOrDefault(vault, 0L)) {
            heads.put(vault, head.value());
            notifyAll();
        }
    }

    /** How many requests wait right now (for tests and the backend's counters). */
    public synchronized int waiting() {
        return waiters;
    }

    /** Wakes every waiting request, which answers what it has; later waits answer at once. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean movedPast(VaultId vault, Seq since) {
        return heads.getOrDefault(vault, 0L) > since.value();
    }
}
