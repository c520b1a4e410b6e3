package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One skysync command per folder at a time: a lock on {@code .skysync/lock}, released on close or process death. */
final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static FolderLock acquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new UserError("another skysync command is running on this folder; wait for it to finish");
        }
        return new FolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        lock.release();
        channel.close();
    }
}
