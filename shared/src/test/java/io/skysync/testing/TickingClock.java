package io.skysync.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves {@code step} forward every time it is read, so every reader sees a later time; thread-safe. */
public final class TickingClock extends Clock {
    private final Instant start;
    private final long stepMillis;
    private final AtomicLong ticks = new AtomicLong();

    public TickingClock(Instant start, Duration step) {
        this.start = start;
        this.stepMillis = step.toMillis();
    }

    @Override
    public Instant instant() {
        return start.plusMillis(stepMillis * ticks.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TickingClock stays in UTC");
    }
}
