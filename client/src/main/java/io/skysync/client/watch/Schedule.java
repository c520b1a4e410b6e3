package io.skysync.client.watch;

import java.time.Duration;
import java.util.Random;

/**
 * A watcher's decisions about time, apart from its threads: when the next sync is due (at start,
 * a settled burst of local changes, a remote change, the periodic rescan, a retry after a
 * failure) and when to ask the server for changes next, for how long. Every input carries the
 * monotonic time in nanoseconds, so tests step through hours without sleeping.
 *
 * <p>After a failed sync the next one waits for its retry time whatever else arrives (the server
 * is likely still down). After a guard stopped a sync, only a local change or the rescan runs the
 * next one (a remote change would meet the same guard).
 */
final class Schedule {
    static final long NONE = Long.MAX_VALUE;

    private final Debounce local;
    private final PollInterval poll;
    private final RetryDelay roundRetry;
    private final RetryDelay probeRetry;
    private final RetryDelay partialRetry;
    private final long rescanEvery;
    private boolean urgent = true;
    private String urgentReason = "start";
    private boolean remotePending;
    private boolean eventsLost;
    private boolean blocked;
    private long rescanAt;
    private long retryAt = NONE;
    private long probeAt = NONE;
    private boolean probing;
    private long probeStartedAt;
    private Duration probeAsked = Duration.ZERO;

    Schedule(WatchSettings settings, Random random, long now) {
        this.local = new Debounce(settings.settle(), settings.maxDelay());
        this.poll = new PollInterval(settings.pollMin(), settings.pollMax());
        this.roundRetry = new RetryDelay(settings.retryBase(), settings.retryCap(), random);
        this.probeRetry = new RetryDelay(settings.retryBase(), settings.retryCap(), random);
        // A file that failed is tried again soon, then less often, never less than at the rescan.
        this.partialRetry = new RetryDelay(settings.retryBase().multipliedBy(5), settings.rescanEvery(), random);
        this.rescanEvery = settings.rescanEvery().toNanos();
        this.rescanAt = now + rescanEvery;
    }

    // ----- inputs -----

    void localChange(long now) {
        local.touch(now);
    }

    /** Events were lost (an overflow, a watch limit): a full sync once things settle. */
    void eventsLost(long now) {
        localChange(now);
        eventsLost = true;
    }

    /** The computer woke up (or the clock jumped): sync and ask at once, start backing off afresh. */
    void wake(long now) {
        urgent = true;
        urgentReason = "wake-up";
        retryAt = NONE;
        roundRetry.reset();
        probeRetry.reset();
        if (!probing) {
            probeAt = now;
        }
    }

    /** An ask for changes answered. */
    void probed(long now, boolean moved, Duration granted) {
        probing = false;
        probeRetry.reset();
        if (moved) {
            remotePending = true;
            poll.activity();
            probeAt = NONE;
            return;
        }
        long next = granted.isZero() ? probeStartedAt + probeAsked.toNanos() : probeStartedAt + granted.toNanos();
        poll.idle();
        probeAt = Math.max(now, next);
    }

    /** An ask for changes failed: answers the pause before the next ask. */
    Duration probeFailed(long now) {
        probing = false;
        Duration pause = probeRetry.next();
        probeAt = now + pause.toNanos();
        return pause;
    }

    // ----- what is due -----

    boolean roundDue(long now) {
        if (retryAt != NONE) {
            return now >= retryAt;
        }
        return urgent || (remotePending && !blocked) || now >= local.dueAt() || now >= rescanAt;
    }

    /** Why the due sync runs, for the log. */
    String reason(long now) {
        if (retryAt != NONE) {
            return "retry";
        }
        if (urgent) {
            return urgentReason;
        }
        if (remotePending && !blocked) {
            return "remote changes";
        }
        if (now >= local.dueAt()) {
            return eventsLost ? "rescan (file events were lost)" : "local changes";
        }
        return "periodic rescan";
    }

    boolean probeDue(long now) {
        return !probing && probeAt != NONE && now >= probeAt;
    }

    /** Starts an ask: answers how long the server may wait for a change. */
    Duration probeStarted(long now) {
        probing = true;
        probeStartedAt = now;
        probeAsked = poll.current();
        return probeAsked;
    }

    /** When anything is next due; the loop waits for a signal until then. */
    long nextWake(long now) {
        long due;
        if (retryAt != NONE) {
            due = retryAt;
        } else if (urgent || (remotePending && !blocked)) {
            due = now;
        } else {
            due = Math.min(local.dueAt(), rescanAt);
        }
        return probing ? due : Math.min(due, probeAt);
    }

    // ----- a sync's outcome -----

    void roundStarted(long now) {
        local.clear();
        blocked = false;
        urgent = false;
        remotePending = false;
        eventsLost = false;
        retryAt = NONE;
        rescanAt = now + rescanEvery;
    }

    void roundSucceeded(long now, boolean changed, boolean clean) {
        roundRetry.reset();
        blocked = false;
        if (changed) {
            poll.activity();
        }
        if (clean) {
            partialRetry.reset();
        } else {
            rescanAt = Math.min(rescanAt, now + partialRetry.next().toNanos());
        }
        askAfterRound(now);
    }

    /** Answers the pause before the retry; local and remote changes wait for it. */
    Duration roundFailed(long now) {
        Duration pause = roundRetry.next();
        retryAt = now + pause.toNanos();
        return pause;
    }

    void roundBlocked(long now) {
        roundRetry.reset();
        blocked = true;
        askAfterRound(now);
    }

    int failedRounds() {
        return roundRetry.failures();
    }

    int failedProbes() {
        return probeRetry.failures();
    }

    /** Asks right after a sync, from its fresh cursor, so a change made meanwhile shows at once. */
    private void askAfterRound(long now) {
        if (!probing) {
            probeAt = now;
        }
    }
}
