package io.skysync.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on a file, held by this process, and the probe of whether some process
 * holds one. The OS keeps such locks per process, and closing any channel of a locked file drops
 * every lock the process holds on it (POSIX {@code fcntl} semantics, which the JDK uses): so a
 * second channel opened in this process, only to look, would silently release the first. This
 * class therefore keeps the one table of the files this process has locked, and never opens a
 * channel on one of them. It is the only mutable static of the project, because the state it
 * mirrors, the kernel's lock table, is per process too. Code that locks these files without it is
 * not supported.
 */
public final class ProcessFileLock implements AutoCloseable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessFileLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code file} (created if missing) for this process.
     *
     * @return the lock, or null if this or another process holds it
     */
    public static ProcessFileLock tryAcquire(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            // The usual case: it stays from the last holder.
        }
        Path key = key(file);
        if (!HELD_HERE.add(key)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new ProcessFileLock(key, channel, lock);
            }
            channel.close();
            HELD_HERE.remove(key);
            return null;
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            close(channel);
            if (e instanceof OverlappingFileLockException) {
                return null;
            }
            throw e;
        }
    }

    /** Whether any process (this one included) holds a lock on {@code file}; false if it does not exist. */
    public static boolean isHeld(Path file) throws IOException {
        if (HELD_HERE.contains(key(file))) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException absent) {
            return false;
        } catch (OverlappingFileLockException heldOutsideThisTable) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            HELD_HERE.remove(key);
        }
    }

    private static Path key(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException notYet) {
            return absolute;
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked through it.
            }
        }
    }
}
