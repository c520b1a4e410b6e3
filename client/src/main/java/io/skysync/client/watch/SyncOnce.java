package io.skysync.client.watch;

/**
 * One sync of a folder, the same the {@code sync} command runs, as a black box to the watcher:
 * it either answers what the run did, or throws what went wrong (a
 * {@link io.skysync.error.SkysyncException} with the server's code, a
 * {@link io.skysync.client.sync.SafetyStop}, a {@link io.skysync.client.scan.RootUnavailableException},
 * an {@link java.io.IOException}; {@link Failures} sorts them).
 */
public interface SyncOnce extends AutoCloseable {

    Round run() throws Exception;

    /** The change-feed position the folder has applied: a server head past it means there is work. */
    long cursor();

    @Override
    void close();
}
