package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The watcher's timing decisions, stepped through on numbers: hours of simulated time, no sleeping. */
class ScheduleTest {
    private static final long S = 1_000_000_000L;
    private static final WatchSettings SETTINGS = WatchSettings.defaults();

    private static Schedule started(long now) {
        Schedule schedule = new Schedule(SETTINGS, new Random(7), now);
        assertThat(schedule.roundDue(now)).isTrue();
        assertThat(schedule.reason(now)).isEqualTo("start");
        schedule.roundStarted(now);
        schedule.roundSucceeded(now, false, true);
        return schedule;
    }

    @Test
    void start_syncsAtOnceThenAsksTheServer() {
        Schedule schedule = started(0);

        assertThat(schedule.roundDue(0)).isFalse();
        assertThat(schedule.probeDue(0)).isTrue();
        assertThat(schedule.probeStarted(0)).isEqualTo(SETTINGS.pollMin());
        assertThat(schedule.probeDue(0)).as("one ask at a time").isFalse();
    }

    @Test
    void localChange_isDueOnceSettled() {
        Schedule schedule = started(0);
        schedule.localChange(10 * S);

        assertThat(schedule.roundDue(10 * S)).isFalse();
        assertThat(schedule.nextWake(10 * S)).isLessThanOrEqualTo(10 * S + SETTINGS.settle().toNanos());
        long due = 10 * S + SETTINGS.settle().toNanos();
        assertThat(schedule.roundDue(due)).isTrue();
        assertThat(schedule.reason(due)).isEqualTo("local changes");
    }

    @Test
    void probe_onAServerThatNeverWaits_backsOffToPollMaxWhenIdle() {
        Schedule schedule = started(0);
        int asks = 0;
        long now = 0;
        while (now < 3600 * S) {
            if (schedule.probeDue(now)) {
                asks++;
                schedule.probeStarted(now);
                schedule.probed(now, false, Duration.ZERO);
            }
            now = Math.min(schedule.nextWake(now), now + 3600 * S);
            if (schedule.roundDue(now)) {
                schedule.roundStarted(now);
                schedule.roundSucceeded(now, false, true);
            }
        }

        // 0 (after the first sync), 2, 6, 14, 30, 62 s, then every 60 s, plus one right after each periodic rescan.
        assertThat(asks).isBetween(60, 75);
    }

    @Test
    void probe_onAServerThatWaits_asksAgainAsSoonAsAnAnswerComes() {
        Schedule schedule = started(0);
        int asks = 0;
        long now = 0;
        while (now < 3600 * S) {
            if (schedule.probeDue(now)) {
                asks++;
                Duration asked = schedule.probeStarted(now);
                Duration granted = asked.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : asked;
                now += granted.toNanos();
                schedule.probed(now, false, granted);
                continue;
            }
            now = schedule.nextWake(now);
            if (schedule.roundDue(now)) {
                schedule.roundStarted(now);
                schedule.roundSucceeded(now, false, true);
            }
        }

        // The server holds each ask up to 30 s: about 120 asks an hour, never two at once.
        assertThat(asks).isBetween(115, 135);
    }

    @Test
    void probe_remoteMoved_syncsAtOnceAndAsksAgainAfterTheSync() {
        Schedule schedule = started(0);
        schedule.probeStarted(S);
        schedule.probed(3 * S, true, Duration.ofSeconds(30));

        assertThat(schedule.roundDue(3 * S)).isTrue();
        assertThat(schedule.reason(3 * S)).isEqualTo("remote changes");
        assertThat(schedule.probeDue(3 * S)).as("not before the sync").isFalse();
        schedule.roundStarted(3 * S);
        schedule.roundSucceeded(4 * S, true, true);
        assertThat(schedule.probeDue(4 * S)).isTrue();
        assertThat(schedule.probeStarted(4 * S)).as("short again after activity").isEqualTo(SETTINGS.pollMin());
    }

    @Test
    void probe_aServerTooBusyToWait_isNotAskedInALoop() {
        Schedule schedule = started(0);
        schedule.probeStarted(0);
        schedule.probed(0, false, Duration.ofSeconds(30));

        assertThat(schedule.probeDue(0)).isFalse();
        assertThat(schedule.probeDue(30 * S)).isTrue();
    }

    @Test
    void roundFailed_waitsForTheRetryWhateverArrives() {
        Schedule schedule = started(0);
        schedule.localChange(S);
        schedule.roundStarted(2 * S);
        Duration pause = schedule.roundFailed(2 * S);
        schedule.localChange(2 * S + 1);
        schedule.probeStarted(2 * S);
        schedule.probed(2 * S, true, Duration.ZERO);

        long retryAt = 2 * S + pause.toNanos();
        assertThat(schedule.roundDue(retryAt - 1)).isFalse();
        assertThat(schedule.nextWake(2 * S)).isEqualTo(retryAt);
        assertThat(schedule.roundDue(retryAt)).isTrue();
        assertThat(schedule.reason(retryAt)).isEqualTo("retry");
    }

    @Test
    void roundFailed_repeatedly_pausesGrowToTheCap() {
        Schedule schedule = started(0);
        long now = 0;
        Duration last = Duration.ZERO;
        for (int i = 0; i < 12; i++) {
            schedule.roundStarted(now);
            last = schedule.roundFailed(now);
            now += last.toNanos();
        }

        assertThat(schedule.failedRounds()).isEqualTo(12);
        assertThat(last).isBetween(SETTINGS.retryCap().dividedBy(2), SETTINGS.retryCap());
        schedule.roundStarted(now);
        schedule.roundSucceeded(now, false, true);
        assertThat(schedule.failedRounds()).isZero();
    }

    @Test
    void wake_afterSleep_syncsAndAsksAtOnceDespiteABackoff() {
        Schedule schedule = started(0);
        schedule.roundStarted(S);
        schedule.roundFailed(S);
        schedule.probeStarted(S);
        schedule.probeFailed(S);

        schedule.wake(2 * S);

        assertThat(schedule.roundDue(2 * S)).isTrue();
        assertThat(schedule.reason(2 * S)).isEqualTo("wake-up");
        assertThat(schedule.probeDue(2 * S)).isTrue();
    }

    @Test
    void blocked_remoteChangesWaitButALocalChangeRuns() {
        Schedule schedule = started(0);
        schedule.roundStarted(S);
        schedule.roundBlocked(S);
        schedule.probeStarted(S);
        schedule.probed(2 * S, true, Duration.ZERO);

        assertThat(schedule.roundDue(5 * S)).isFalse();
        schedule.localChange(5 * S);
        long due = 5 * S + SETTINGS.settle().toNanos();
        assertThat(schedule.roundDue(due)).isTrue();
    }

    @Test
    void nothingHappens_aFullSyncRunsEveryRescanPeriod() {
        Schedule schedule = started(0);
        long rescan = SETTINGS.rescanEvery().toNanos();

        assertThat(schedule.roundDue(rescan - 1)).isFalse();
        assertThat(schedule.roundDue(rescan)).isTrue();
        assertThat(schedule.reason(rescan)).isEqualTo("periodic rescan");
    }

    @Test
    void partialFailures_areTriedAgainSoonerThanTheRescan() {
        Schedule schedule = started(0);
        schedule.roundStarted(S);
        schedule.roundSucceeded(S, true, false);

        long soon = S + SETTINGS.retryBase().multipliedBy(5).toNanos();
        assertThat(schedule.roundDue(soon)).isTrue();
    }

    @Test
    void eventsLost_syncsOnceSettledAndSaysWhy() {
        Schedule schedule = started(0);
        schedule.eventsLost(S);

        long due = S + SETTINGS.settle().toNanos();
        assertThat(schedule.roundDue(due)).isTrue();
        assertThat(schedule.reason(due)).isEqualTo("rescan (file events were lost)");
    }
}
