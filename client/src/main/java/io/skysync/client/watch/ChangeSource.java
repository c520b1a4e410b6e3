package io.skysync.client.watch;

import java.io.IOException;
import java.util.function.Consumer;

/** Tells of file changes under a folder, as {@link Signal}s, from a thread of its own. */
public interface ChangeSource extends AutoCloseable {

    /**
     * Starts watching; returns once the whole tree is watched.
     *
     * @throws IOException if the folder cannot be watched (the system's watch limit, for one)
     */
    void start(Consumer<Signal> sink) throws IOException;

    @Override
    void close();
}
