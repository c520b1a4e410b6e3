package io.skysync.client.watch;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Notices that the computer slept: the monotonic clock ({@link System#nanoTime()}, which stops
 * while a machine is suspended on Linux and macOS) and the wall clock, which does not stop, drift
 * apart by the time asleep. A clock set by hand or by NTP shows the same way; either is worth a
 * fresh sync, nothing more.
 */
final class ClockJump {
    private final Clock wall;
    private final LongSupplier monotonicNanos;
    private final long thresholdMillis;
    private long lastWall;
    private long lastMonotonic;

    ClockJump(Clock wall, LongSupplier monotonicNanos, Duration threshold) {
        this.wall = wall;
        this.monotonicNanos = monotonicNanos;
        this.thresholdMillis = threshold.toMillis();
        this.lastWall = wall.millis();
        this.lastMonotonic = monotonicNanos.getAsLong() / 1_000_000;
    }

    /** The drift since the last call, if larger than the threshold (positive: the wall clock ran ahead). */
    Optional<Duration> check() {
        long wallNow = wall.millis();
        long monotonicNow = monotonicNanos.getAsLong() / 1_000_000;
        long drift = (wallNow - lastWall) - (monotonicNow - lastMonotonic);
        lastWall = wallNow;
        lastMonotonic = monotonicNow;
        return Math.abs(drift) > thresholdMillis ? Optional.of(Duration.ofMillis(drift)) : Optional.empty();
    }
}
