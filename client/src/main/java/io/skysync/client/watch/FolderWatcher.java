package io.skysync.client.watch;

import io.skysync.client.config.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Keeps one folder in sync until stopped: one loop on one thread takes the signals of its file
 * watcher and of its asks to the server, lets {@link Schedule} decide what is due, and runs the
 * same sync as {@code skysync sync} ({@link SyncOnce}). It reacts to each failure as
 * {@link Failures} sorts it, and keeps {@code .skysync/watch.json} up to date for {@code status}.
 */
public final class FolderWatcher {
    /** The longest the loop waits without looking at the clocks (a laptop that slept is noticed within it). */
    private static final long TICK = Duration.ofSeconds(5).toNanos();
    private static final Duration CLOCK_JUMP = Duration.ofSeconds(10);

    /** Everything a watcher works with; tests pass fakes and simulated time. */
    public record Parts(Path root, SyncOnce sync, HeadProbe probe, ChangeSource source, Inbox inbox, WatchLog log,
                        WatchStateFile stateFile, long pid, Clock wall, LongSupplier nanos, Random random,
                        Executor probes, WatchSettings settings) {
    }

    private record Ended(Outcome outcome, String why) {
    }

    private final Parts parts;
    private final Schedule schedule;
    private final ClockJump clockJump;
    private final EchoFilter echo;
    private final WatchStatus status;
    private boolean first = true;
    private boolean failing;
    private boolean serverLost;
    private long triedHead = -1;

    public FolderWatcher(Parts parts) {
        this.parts = parts;
        this.schedule = new Schedule(parts.settings(), parts.random(), parts.nanos().getAsLong());
        this.clockJump = new ClockJump(parts.wall(), parts.nanos(), CLOCK_JUMP);
        this.echo = new EchoFilter(parts.root());
        this.status = new WatchStatus(parts.stateFile(), parts.wall(), parts.pid());
    }

    /** Asks the loop to stop: it finishes the sync in progress, then {@link #run} returns. */
    public void stop() {
        parts.inbox().post(new Signal.Stop());
    }

    /** Syncs run so far. */
    public long rounds() {
        return status.rounds();
    }

    public Outcome run() {
        Ended ended;
        try {
            startSource();
            ended = loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = new Ended(Outcome.STOPPED, "interrupted");
        } finally {
            parts.source().close();
            parts.probe().close();
        }
        say(ended.outcome() == Outcome.STOPPED ? "stopped watching" : "stopped watching: " + ended.why());
        status.stopped(ended.why());
        return ended.outcome();
    }

    private Ended loop() throws InterruptedException {
        while (true) {
            long now = parts.nanos().getAsLong();
            Optional<Duration> jump = clockJump.check();
            if (jump.isPresent()) {
                say("the clock jumped by " + Durations.human(jump.get()) + " (the computer slept?); syncing now");
                schedule.wake(now);
            }
            if (schedule.probeDue(now)) {
                startProbe(now);
            }
            if (schedule.roundDue(now)) {
                Ended ended = round();
                if (ended != null) {
                    return ended;
                }
                continue;
            }
            long next = schedule.nextWake(now);
            Signal signal = parts.inbox().take(next == Schedule.NONE ? TICK : Math.min(TICK, next - now));
            Ended ended = signal == null ? null : handle(signal);
            if (ended != null) {
                return ended;
            }
        }
    }

    private Ended handle(Signal signal) {
        long now = parts.nanos().getAsLong();
        if (signal instanceof Signal.LocalChange change) {
            if (!echo.isEcho(change.path())) {
                schedule.localChange(now);
            }
        } else if (signal instanceof Signal.Rescan rescan) {
            say("file events were lost (" + rescan.why() + "); a full sync follows");
            schedule.eventsLost(now);
        } else if (signal instanceof Signal.SourceEnded source) {
            return sourceEnded(source.why(), now);
        } else if (signal instanceof Signal.Probed probed) {
            if (serverLost) {
                say("the server answers again");
                serverLost = false;
            }
            long head = probed.probe().cursor();
            // A head a sync already ran for, and could not catch up with (a change it refuses), is no news.
            boolean moved = head > parts.sync().cursor() && head > triedHead;
            if (moved) {
                triedHead = head;
            }
            schedule.probed(now, moved, probed.probe().granted());
        } else if (signal instanceof Signal.ProbeFailed failed) {
            return probeFailed(failed.error(), now);
        } else if (signal instanceof Signal.Stop) {
            return new Ended(Outcome.STOPPED, "asked to stop");
        }
        return null;
    }

    private Ended round() {
        Signal queued;
        while ((queued = parts.inbox().poll()) != null) {
            Ended ended = handle(queued);
            if (ended != null) {
                return ended;
            }
        }
        if (!rootPresent()) {
            return rootGone();
        }
        long now = parts.nanos().getAsLong();
        String why = schedule.reason(now);
        schedule.roundStarted(now);
        echo.clear();
        status.syncing();
        try {
            Round round = parts.sync().run();
            echo.remember(round.wrote());
            schedule.roundSucceeded(parts.nanos().getAsLong(), round.changed(), round.clean());
            if (round.changed() || !round.clean() || failing || first) {
                say((failing ? "synced again after " + why : why) + ": " + round.summary());
            }
            round.failures().forEach(failure -> say("  failed: " + failure));
            first = false;
            failing = false;
            status.synced(round.summary());
            return null;
        } catch (Exception e) {
            return roundFailed(e, parts.nanos().getAsLong());
        }
    }

    private Ended roundFailed(Exception error, long now) {
        Failures.Failure failure = Failures.classify(error);
        if (failure.reaction() != Reaction.REVOKED && !rootPresent()) {
            return rootGone();
        }
        switch (failure.reaction()) {
            case RETRY -> {
                Duration pause = schedule.roundFailed(now);
                failing = true;
                say("sync failed: " + failure.message() + "; retrying in " + Durations.human(pause)
                        + " (attempt " + schedule.failedRounds() + ")");
                status.failed("retrying", failure.message());
                return null;
            }
            case BLOCKED -> {
                schedule.roundBlocked(now);
                say("a safety guard stopped the sync: " + failure.message()
                        + "; waiting for a local change (or the next periodic rescan)");
                status.failed("blocked", failure.message());
                return null;
            }
            case ROOT_GONE -> {
                return rootGone();
            }
            default -> {
                status.failed("stopped", failure.message());
                return new Ended(failure.reaction() == Reaction.REVOKED ? Outcome.REVOKED : Outcome.FATAL, failure.message());
            }
        }
    }

    private Ended probeFailed(RuntimeException error, long now) {
        Failures.Failure failure = Failures.classify(error);
        if (failure.reaction() == Reaction.REVOKED || failure.reaction() == Reaction.FATAL) {
            status.failed("stopped", failure.message());
            return new Ended(failure.reaction() == Reaction.REVOKED ? Outcome.REVOKED : Outcome.FATAL, failure.message());
        }
        Duration pause = schedule.probeFailed(now);
        if (!serverLost) {
            serverLost = true;
            say("cannot ask the server for changes: " + failure.message() + "; asking again in "
                    + Durations.human(pause) + ", then less and less often");
            status.failed("retrying", failure.message());
        }
        return null;
    }

    private Ended sourceEnded(String why, long now) {
        if (!rootPresent()) {
            return rootGone();
        }
        say("the file watcher stopped (" + why + "); watching again");
        parts.source().close();
        startSource();
        schedule.eventsLost(now);
        return null;
    }

    private void startSource() {
        try {
            parts.source().start(parts.inbox()::post);
        } catch (IOException | RuntimeException e) {
            say("cannot watch the folder for changes (" + e.getMessage() + "; on Linux, raise fs.inotify.max_user_watches);"
                    + " local changes are found by the full sync every "
                    + Durations.human(parts.settings().rescanEvery()));
        }
    }

    private void startProbe(long now) {
        long since = parts.sync().cursor();
        Duration wait = schedule.probeStarted(now);
        parts.probes().execute(() -> {
            try {
                parts.inbox().post(new Signal.Probed(parts.probe().probe(since, wait)));
            } catch (RuntimeException e) {
                parts.inbox().post(new Signal.ProbeFailed(e));
            }
        });
    }

    /** A folder without its {@code .skysync/config.toml} is gone or unmounted: an empty mount point is no deletion. */
    private boolean rootPresent() {
        return Files.isDirectory(parts.root(), LinkOption.NOFOLLOW_LINKS) && ConfigFile.exists(parts.root());
    }

    private Ended rootGone() {
        return new Ended(Outcome.ROOT_GONE, "the folder is gone or no longer mounted (it has no .skysync/config.toml);"
                + " nothing was deleted, here or on the server");
    }

    private void say(String text) {
        parts.log().say(parts.root(), text);
    }
}
