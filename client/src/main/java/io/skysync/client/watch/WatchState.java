package io.skysync.client.watch;

/**
 * What a watcher last said about its folder, as {@code .skysync/watch.json} holds it (docs/client.md,
 * "skysync status"). Times are ISO-8601 UTC; absent ones are null.
 *
 * @param pid        the watcher's process
 * @param state      {@code watching}, {@code syncing}, {@code retrying}, {@code blocked} or {@code stopped}
 * @param lastSyncAt when a sync last completed
 * @param lastSync   what it did, one line
 * @param lastErrorAt when a sync or an ask for changes last failed
 * @param lastError  why, one line
 * @param rounds     syncs run since the watcher started
 * @param stopReason why it stopped, once {@code stopped}
 */
public record WatchState(long pid, String state, String startedAt, String updatedAt, String lastSyncAt, String lastSync,
                         String lastErrorAt, String lastError, long rounds, String stopReason) {
}
