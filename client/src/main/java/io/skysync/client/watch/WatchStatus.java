package io.skysync.client.watch;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A watcher's state as {@code skysync status} reads it, kept up to date in {@link WatchStateFile}
 * at every change. A folder that vanished cannot take the file: that is not an error of its own.
 */
final class WatchStatus {
    private final WatchStateFile file;
    private final Clock clock;
    private final long pid;
    private final String startedAt;
    private String state = "watching";
    private String lastSyncAt;
    private String lastSync;
    private String lastErrorAt;
    private String lastError;
    private String stopReason;
    private long rounds;

    WatchStatus(WatchStateFile file, Clock clock, long pid) {
        this.file = file;
        this.clock = clock;
        this.pid = pid;
        this.startedAt = now();
        save();
    }

    void syncing() {
        rounds++;
        state = "syncing";
        save();
    }

    void synced(String summary) {
        state = "watching";
        lastSyncAt = now();
        lastSync = summary;
        save();
    }

    /** @param newState {@code retrying} or {@code blocked} */
    void failed(String newState, String error) {
        state = newState;
        lastErrorAt = now();
        lastError = error;
        save();
    }

    void stopped(String reason) {
        state = "stopped";
        stopReason = reason;
        save();
    }

    long rounds() {
        return rounds;
    }

    private void save() {
        try {
            file.write(new WatchState(pid, state, startedAt, now(), lastSyncAt, lastSync, lastErrorAt, lastError, rounds,
                    stopReason));
        } catch (IOException e) {
            // The folder (or its .skysync) is gone: the watcher notices and stops on its own.
        }
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
