package io.skysync.client.watch;

import java.time.Duration;
import java.util.Random;

/**
 * The pause before the next attempt after consecutive failures: exponential from {@code base} to
 * {@code cap}, with "equal jitter" (half the step fixed, half random), so many devices that lost
 * the same server do not all come back in the same second, and no retry fires at once.
 */
final class RetryDelay {
    private final long base;
    private final long cap;
    private final Random random;
    private int failures;

    RetryDelay(Duration base, Duration cap, Random random) {
        this.base = base.toMillis();
        this.cap = cap.toMillis();
        this.random = random;
    }

    /** Counts one more failure and answers the pause before the next attempt. */
    Duration next() {
        failures++;
        long step = Math.min(cap, base << Math.min(failures - 1, 30));
        long half = step / 2;
        return Duration.ofMillis(step - half + (half == 0 ? 0 : (long) (random.nextDouble() * (half + 1))));
    }

    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
