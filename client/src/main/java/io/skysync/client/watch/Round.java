package io.skysync.client.watch;

import java.util.List;

/**
 * What one sync did, as far as the watcher cares.
 *
 * @param changed  something moved in either direction (or a conflict was settled): the devices are busy
 * @param failures files that could not be synced this time, one line each
 * @param wrote    vault paths the run wrote or removed in the folder (downloads, local deletions,
 *                 conflict copies): their file events are the run's own echo, not new changes
 * @param summary  one line for the log
 */
public record Round(boolean changed, List<String> failures, List<String> wrote, String summary) {
    public Round {
        failures = List.copyOf(failures);
        wrote = List.copyOf(wrote);
    }

    boolean clean() {
        return failures.isEmpty();
    }
}
