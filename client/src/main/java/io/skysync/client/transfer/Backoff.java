package io.skysync.client.transfer;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter (AWS's recommendation): attempt n waits a random time in
 * {@code [0, min(cap, base * 2^n)]}. The randomness and the sleep are injected, so tests and
 * simulations neither wait nor depend on luck.
 */
public final class Backoff {
    /** Waits; tests pass one that records instead. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Random random;
    private final Sleeper sleeper;

    public Backoff(int maxAttempts, Duration base, Duration cap, Random random, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.random = random;
        this.sleeper = sleeper;
    }

    public static Backoff standard() {
        return new Backoff(5, Duration.ofMillis(200), Duration.ofSeconds(10), new Random(),
                d -> Thread.sleep(d.toMillis()));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Waits before retry number {@code attempt} (1 for the first retry); honours a server's Retry-After if longer. */
    public void pause(int attempt, Duration retryAfter) throws InterruptedException {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        long wait;
        synchronized (random) {
            wait = ceiling <= 0 ? 0 : (long) (random.nextDouble() * ceiling);
        }
        if (retryAfter != null && retryAfter.toMillis() > wait) {
            wait = Math.min(retryAfter.toMillis(), cap.toMillis());
        }
        sleeper.sleep(Duration.ofMillis(wait));
    }
}
