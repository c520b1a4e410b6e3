package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small timing rules of a watcher, on numbers passed in: no clock, no sleeping. */
class PacingTest {
    private static final long MS = 1_000_000L;

    @Test
    void debounce_burstOfEvents_isDueOnceQuietForSettle() {
        Debounce debounce = new Debounce(Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThat(debounce.dueAt()).isEqualTo(Long.MAX_VALUE);

        debounce.touch(0);
        debounce.touch(100 * MS);
        debounce.touch(300 * MS);

        assertThat(debounce.pending()).isTrue();
        assertThat(debounce.dueAt()).isEqualTo(800 * MS);
    }

    @Test
    void debounce_editorSavesToTempThenRenames_isOneSyncAfterTheRename() {
        Debounce debounce = new Debounce(Duration.ofMillis(500), Duration.ofSeconds(10));
        debounce.touch(0);          // .notes.md.swp created
        debounce.touch(2 * MS);     // written
        debounce.touch(3 * MS);     // renamed over notes.md: delete + create

        assertThat(debounce.dueAt()).isEqualTo(503 * MS);
    }

    @Test
    void debounce_fileWrittenWithoutPause_isDueAtMaxDelayAfterTheFirstEvent() {
        Debounce debounce = new Debounce(Duration.ofMillis(500), Duration.ofSeconds(10));
        for (long t = 0; t <= 30_000; t += 100) {
            debounce.touch(t * MS);
        }

        assertThat(debounce.dueAt()).isEqualTo(10_000 * MS);
        debounce.clear();
        assertThat(debounce.pending()).isFalse();
        debounce.touch(31_000 * MS);
        assertThat(debounce.dueAt()).as("a new burst starts its own clock").isEqualTo(31_500 * MS);
    }

    @Test
    void pollInterval_doublesWhenIdleUpToMaxAndDropsToMinOnActivity() {
        PollInterval poll = new PollInterval(Duration.ofSeconds(2), Duration.ofSeconds(60));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            seen.append(poll.current().toSeconds()).append(' ');
            poll.idle();
        }

        assertThat(seen.toString().strip()).isEqualTo("2 4 8 16 32 60 60");
        poll.activity();
        assertThat(poll.current()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryDelay_growsToTheCapWithJitterNeverBelowHalfTheStep() {
        RetryDelay retry = new RetryDelay(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(42));
        long[] steps = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (long step : steps) {
            long pause = retry.next().toMillis();
            assertThat(pause).as("step %d", step).isBetween(step / 2, step);
        }
        assertThat(retry.failures()).isEqualTo(steps.length);

        retry.reset();
        assertThat(retry.next().toMillis()).isBetween(500L, 1000L);
    }

    @Test
    void retryDelay_twoDevicesLosingTheSameServer_doNotRetryInLockstep() {
        RetryDelay one = new RetryDelay(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(1));
        RetryDelay two = new RetryDelay(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(2));
        int same = 0;
        for (int i = 0; i < 8; i++) {
            if (one.next().equals(two.next())) {
                same++;
            }
        }

        assertThat(same).isLessThan(8);
    }

    @Test
    void clockJump_wallClockRunsAheadOfTheMonotonicOne_isReportedOnce() {
        AtomicLong monotonic = new AtomicLong();
        AtomicLong wallMillis = new AtomicLong(1_700_000_000_000L);
        Clock wall = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(wallMillis.get());
            }
        };
        ClockJump jump = new ClockJump(wall, monotonic::get, Duration.ofSeconds(10));

        monotonic.addAndGet(5_000 * MS);
        wallMillis.addAndGet(5_000);
        assertThat(jump.check()).as("both clocks moved alike").isEmpty();

        monotonic.addAndGet(1_000 * MS);
        wallMillis.addAndGet(3_601_000);
        assertThat(jump.check()).contains(Duration.ofHours(1));
        assertThat(jump.check()).as("reported once").isEmpty();
    }

    @Test
    void durations_parseAndPrint() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        for (String bad : new String[] {"", "s", "1.5s", "ten", "5d", "ms"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid duration");
        }
        assertThat(Durations.human(Duration.ofMillis(450))).isEqualTo("450ms");
        assertThat(Durations.human(Duration.ofSeconds(7))).isEqualTo("7s");
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(Durations.human(Duration.ofMinutes(182))).isEqualTo("3h2m");
    }

    @Test
    void settings_refuseBoundsTheWrongWayRound() {
        WatchSettings d = WatchSettings.defaults();
        assertThatThrownBy(() -> new WatchSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), d.pollMin(), d.pollMax(),
                d.rescanEvery(), d.retryBase(), d.retryCap())).hasMessageContaining("--max-delay");
        assertThatThrownBy(() -> new WatchSettings(d.settle(), d.maxDelay(), Duration.ofSeconds(30), Duration.ofSeconds(10),
                d.rescanEvery(), d.retryBase(), d.retryCap())).hasMessageContaining("--poll-max");
        assertThatThrownBy(() -> new WatchSettings(d.settle(), d.maxDelay(), d.pollMin(), Duration.ofSeconds(61),
                d.rescanEvery(), d.retryBase(), d.retryCap())).hasMessageContaining("at most 60s");
        assertThatThrownBy(() -> new WatchSettings(Duration.ZERO, d.maxDelay(), d.pollMin(), d.pollMax(),
                d.rescanEvery(), d.retryBase(), d.retryCap())).hasMessageContaining("--settle");
    }
}
