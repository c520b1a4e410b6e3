package io.skysync.client.watch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time for a {@link FolderWatcher}: the monotonic clock, a wall clock that can jump
 * (a laptop waking up), and an {@link Inbox} whose {@link #take} moves time on to the next
 * scripted signal instead of waiting. After {@code limitNanos} it posts a stop, so a watcher
 * that never ends fails its test instead of hanging it.
 */
final class SimulatedTime implements Inbox {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong wallOffsetMillis = new AtomicLong(1_800_000_000_000L);
    private final Deque<Signal> queue = new ArrayDeque<>();
    private final TreeMap<Long, List<Signal>> scripted = new TreeMap<>();
    private final TreeMap<Long, List<Runnable>> actions = new TreeMap<>();
    private final long limitNanos;
    private boolean stopped;

    SimulatedTime(long limitNanos) {
        this.limitNanos = limitNanos;
    }

    long now() {
        return nanos.get();
    }

    /** Posts {@code signal} when the simulated time reaches {@code atNanos}. */
    synchronized void at(long atNanos, Signal signal) {
        scripted.computeIfAbsent(atNanos, t -> new ArrayList<>()).add(signal);
    }

    /** Runs {@code action} (a file change, a sleeping machine) when the simulated time reaches {@code atNanos}. */
    synchronized void run(long atNanos, Runnable action) {
        actions.computeIfAbsent(atNanos, t -> new ArrayList<>()).add(action);
    }

    /** The wall clock jumps ahead while the monotonic one does not: the machine slept. */
    void sleepFor(long millis) {
        wallOffsetMillis.addAndGet(millis);
    }

    Clock wall() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(wallOffsetMillis.get() + nanos.get() / 1_000_000);
            }
        };
    }

    @Override
    public synchronized void post(Signal signal) {
        queue.add(signal);
    }

    @Override
    public synchronized Signal poll() {
        release(nanos.get());
        return queue.poll();
    }

    @Override
    public synchronized Signal take(long timeoutNanos) {
        release(nanos.get());
        if (!queue.isEmpty()) {
            return queue.poll();
        }
        long until = nanos.get() + Math.max(0, timeoutNanos);
        Map.Entry<Long, List<Runnable>> action = actions.firstEntry();
        if (action != null && action.getKey() <= until && (scripted.isEmpty() || action.getKey() <= scripted.firstKey())) {
            nanos.set(Math.max(nanos.get(), action.getKey()));
            actions.pollFirstEntry().getValue().forEach(Runnable::run);
            release(nanos.get());
            return queue.poll();
        }
        Map.Entry<Long, List<Signal>> next = scripted.firstEntry();
        if (next != null && next.getKey() <= until) {
            nanos.set(Math.max(nanos.get(), next.getKey()));
            release(nanos.get());
            return queue.poll();
        }
        nanos.set(until);
        if (nanos.get() >= limitNanos && !stopped) {
            stopped = true;
            queue.add(new Signal.Stop());
        }
        return queue.poll();
    }

    private void release(long now) {
        while (!scripted.isEmpty() && scripted.firstKey() <= now) {
            queue.addAll(scripted.pollFirstEntry().getValue());
        }
    }
}
