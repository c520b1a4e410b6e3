package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.spi.ProcessFileLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One skysync command per folder at a time: a lock on {@code .skysync/lock}, released on close or
 * process death. Taken through {@link ProcessFileLock}, so a second attempt in the same process is
 * refused without dropping the first one's OS lock.
 */
final class FolderLock implements AutoCloseable {
    private final ProcessFileLock lock;
    private boolean closed;

    private FolderLock(ProcessFileLock lock) {
        this.lock = lock;
    }

    static FolderLock acquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        ProcessFileLock lock = ProcessFileLock.tryAcquire(stateDir.resolve("lock"));
        if (lock == null) {
            throw new UserError("another skysync command is running on this folder; wait for it to finish");
        }
        return new FolderLock(lock);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        lock.close();
    }
}
