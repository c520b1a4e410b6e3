package io.skysync.service;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the service retries a conditional write that lost a race (a commit whose vault head moved, a
 * device record changed by someone else): after each loss a pause with full jitter, doubling from
 * {@code firstPause} up to {@code maxPause}, and never past {@code budget} from the first try, so
 * a busy vault answers {@code 503 unavailable} well before the function's own time-out (29 s on
 * Lambda, see template.yaml). The one place commits and device changes take their backoff from.
 *
 * @param pause how to wait; tests pass one that moves their clock instead of sleeping
 */
public record RetryPolicy(Duration budget, Duration firstPause, Duration maxPause, Pause pause) {
    /** 20 s of retries: a margin of 9 s under Lambda's 29 s for the reads around them. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(20), Duration.ofMillis(4),
            Duration.ofMillis(250), RetryPolicy::sleep);

    /** Waits for a duration. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration);
    }

    public RetryPolicy {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(firstPause, "firstPause");
        Objects.requireNonNull(maxPause, "maxPause");
        Objects.requireNonNull(pause, "pause");
        if (budget.isNegative() || firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("need budget >= 0 and 0 <= firstPause <= maxPause");
        }
    }

    /** The attempts of one request, timed by {@code clock} from now. */
    public Attempts start(Clock clock) {
        return new Attempts(clock, clock.instant().plus(budget));
    }

    /** The retry state of one request. Not thread-safe: one request, one thread. */
    public final class Attempts {
        private final Clock clock;
        private final Instant deadline;
        private int losses;

        private Attempts(Clock clock, Instant deadline) {
            this.clock = clock;
            this.deadline = deadline;
        }

        /**
         * After a lost race: pauses, then answers normally so the caller tries again.
         *
         * @throws SkysyncException {@code unavailable} if the pause would end past the budget
         */
        public void lost(String what) {
            long capped = Math.min(maxPause.toNanos(), firstPause.toNanos() << Math.min(losses, 20));
            Duration wait = Duration.ofNanos(capped == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 2, capped + 1));
            losses++;
            if (clock.instant().plus(wait).isAfter(deadline)) {
                throw busy(what);
            }
            pause.pause(wait);
        }

        /** @throws SkysyncException {@code unavailable} once the budget is spent, lost races or not */
        public void requireTimeLeft(String what) {
            if (clock.instant().isAfter(deadline)) {
                throw busy(what);
            }
        }

        public int losses() {
            return losses;
        }

        private SkysyncException busy(String what) {
            return new SkysyncException(ErrorCode.UNAVAILABLE, what + " lost the race " + losses + " times in "
                    + budget.toSeconds() + " s; the vault is busy, retry in a moment");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }
}
