package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void pause_growsWithTheAttemptWithinItsCeiling_andNeverPastTheCap() throws InterruptedException {
        Backoff backoff = new Backoff(10, Duration.ofMillis(100), Duration.ofSeconds(1), new Random(5), waits::add);

        for (int attempt = 1; attempt <= 8; attempt++) {
            backoff.pause(attempt, null);
        }

        for (int i = 0; i < waits.size(); i++) {
            long ceiling = Math.min(1000, 100L << (i + 1));
            assertThat(waits.get(i).toMillis()).as("attempt %d", i + 1).isBetween(0L, ceiling);
        }
    }

    @Test
    void pause_sameSeed_sameWaits() throws InterruptedException {
        List<Duration> other = new ArrayList<>();
        Backoff a = new Backoff(5, Duration.ofMillis(100), Duration.ofSeconds(2), new Random(9), waits::add);
        Backoff b = new Backoff(5, Duration.ofMillis(100), Duration.ofSeconds(2), new Random(9), other::add);

        for (int attempt = 1; attempt <= 4; attempt++) {
            a.pause(attempt, null);
            b.pause(attempt, null);
        }

        assertThat(waits).isEqualTo(other);
    }

    @Test
    void pause_retryAfterLongerThanTheJitter_isHonouredUpToTheCap() throws InterruptedException {
        Backoff backoff = new Backoff(5, Duration.ofMillis(1), Duration.ofSeconds(4), new Random(1), waits::add);

        backoff.pause(1, Duration.ofSeconds(3));
        backoff.pause(1, Duration.ofSeconds(30));

        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4));
    }

    @Test
    void constructor_noAttempts_isRefused() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ZERO, Duration.ZERO, new Random(), d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Backoff.standard().maxAttempts()).isEqualTo(5);
    }
}
