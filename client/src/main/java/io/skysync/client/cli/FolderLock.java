package io.skysync.client.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.api.ApiJson;
import io.skysync.client.config.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One skysync command per folder at a time: a lock on {@code .skysync/lock}, released on close or
 * process death. The holder writes who it is into the file ({@link Holder}), so a refused command
 * can say whether a watcher or another command has the folder, and {@code status} can tell
 * whether a watcher still runs (the lock, not the file, decides: a crashed holder left the file).
 */
final class FolderLock implements AutoCloseable {
    static final String FILE = "lock";
    static final String WATCH = "watch";
    private static final ObjectMapper READER = ApiJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Who holds a folder's lock, as the holder wrote it; {@code pid} -1 if the file said nothing readable. */
    record Holder(String command, long pid, String since) {
        boolean watcher() {
            return WATCH.equals(command);
        }

        String refusal() {
            String process = pid > 0 ? " (pid " + pid + ")" : "";
            return watcher()
                    ? "a watcher ('skysync watch'" + process + ") keeps this folder in sync; stop it first"
                    + " ('skysync status DIR' shows it)"
                    : "another skysync command" + process + " is running on this folder; wait for it to finish";
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static FolderLock acquire(Path stateDir) throws IOException {
        return acquire(stateDir, "skysync");
    }

    /** @param command what the holder is, for the message another command gets ({@value #WATCH} for a watcher) */
    static FolderLock acquire(Path stateDir, String command) throws IOException {
        return tryAcquire(stateDir, command).orElseThrow(() -> new UserError(holderOf(stateDir).refusal()));
    }

    /** The lock, or empty if another command holds it. */
    static Optional<FolderLock> tryAcquire(Path stateDir, String command) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        Holder me = new Holder(command, ProcessHandle.current().pid(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(ApiJson.write(me)), 0);
        return Optional.of(new FolderLock(channel, lock));
    }

    /**
     * Who holds the folder's lock right now; empty if nobody does. For another process than the
     * holder, as {@code status} is: OS file locks belong to a process, and closing this probe's
     * channel inside the holder's own process would drop the holder's lock (only tests do that).
     */
    static Optional<Holder> heldBy(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
        }
        return Optional.of(holderOf(stateDir));
    }

    /** What the lock file says about its holder (the last one, if nobody holds it now). */
    static Holder holderOf(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            Holder holder = READER.readValue(Files.readAllBytes(file), Holder.class);
            return holder != null && holder.command() != null ? holder : new Holder("skysync", -1, null);
        } catch (IOException | RuntimeException e) {
            return new Holder("skysync", -1, null);
        }
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
