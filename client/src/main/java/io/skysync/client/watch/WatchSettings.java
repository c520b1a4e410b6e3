package io.skysync.client.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a watcher paces itself (docs/client.md, "skysync watch").
 *
 * @param settle      a burst of local changes is synced once the folder was quiet this long
 * @param maxDelay    ...but no later than this after the burst's first change (a file written for minutes)
 * @param pollMin     how soon the server is asked for changes again right after activity
 * @param pollMax     the longest pause between two asks when idle (also the longest {@code wait} asked for)
 * @param rescanEvery a full sync runs at least this often, events or not: the safety net for missed events
 * @param retryBase   the first pause after a failure (a server that is down, a lost network)
 * @param retryCap    the longest pause between two attempts
 */
public record WatchSettings(Duration settle, Duration maxDelay, Duration pollMin, Duration pollMax,
                            Duration rescanEvery, Duration retryBase, Duration retryCap) {
    /** The API's bound on {@code wait}; a longer idle poll would ask for more than a server grants. */
    public static final Duration MAX_POLL = Duration.ofSeconds(60);

    public WatchSettings {
        positive(settle, "settle");
        positive(maxDelay, "max-delay");
        positive(pollMin, "poll-min");
        positive(pollMax, "poll-max");
        positive(rescanEvery, "rescan");
        positive(retryBase, "retry base");
        positive(retryCap, "retry cap");
        if (maxDelay.compareTo(settle) < 0) {
            throw new IllegalArgumentException("--max-delay must not be shorter than --settle");
        }
        if (pollMax.compareTo(pollMin) < 0) {
            throw new IllegalArgumentException("--poll-max must not be shorter than --poll-min");
        }
        if (pollMax.compareTo(MAX_POLL) > 0) {
            throw new IllegalArgumentException("--poll-max is at most 60s (the longest wait the API allows)");
        }
        if (retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("the retry cap must not be shorter than its base");
        }
    }

    /** 0.5 s to settle, 10 s at most; polls from 2 s to 60 s; a full sync every 10 minutes; retries from 1 s to 60 s. */
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be longer than 0");
        }
    }
}
