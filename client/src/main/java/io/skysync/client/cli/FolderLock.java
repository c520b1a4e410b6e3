package io.skysync.client.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.api.ApiJson;
import io.skysync.client.config.UserError;
import io.skysync.spi.ProcessFileLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One skysync command per folder at a time: a lock on {@code .skysync/lock}, released on close or
 * process death, taken through {@link ProcessFileLock} so that a second attempt in the same process
 * is refused without dropping the first one's OS lock. The holder says who it is in a file beside
 * the lock ({@link Holder}, {@code lock.holder}), so a refused command can say whether a watcher or
 * another command has the folder and {@code status} can show it. The holder is written apart from
 * the lock file because reading the lock file itself would open and close a descriptor of it,
 * which drops the lock if the reader is the holder's own process. The lock, not the file, decides
 * whether anybody holds the folder: a crashed holder leaves the file behind.
 */
final class FolderLock implements AutoCloseable {
    static final String FILE = "lock";
    static final String HOLDER_FILE = "lock.holder";
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

    private final ProcessFileLock lock;
    private boolean closed;

    private FolderLock(ProcessFileLock lock) {
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
        ProcessFileLock lock = ProcessFileLock.tryAcquire(stateDir.resolve(FILE));
        if (lock == null) {
            return Optional.empty();
        }
        try {
            Holder me = new Holder(command, ProcessHandle.current().pid(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Path temp = stateDir.resolve(HOLDER_FILE + ".tmp");
            Files.write(temp, ApiJson.write(me));
            Files.move(temp, stateDir.resolve(HOLDER_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return Optional.of(new FolderLock(lock));
    }

    /** Who holds the folder's lock right now; empty if nobody does. */
    static Optional<Holder> heldBy(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file) || !ProcessFileLock.isHeld(file)) {
            return Optional.empty();
        }
        return Optional.of(holderOf(stateDir));
    }

    /** What the holder file says (the last holder, if nobody holds the lock now). */
    static Holder holderOf(Path stateDir) {
        try {
            Holder holder = READER.readValue(Files.readAllBytes(stateDir.resolve(HOLDER_FILE)), Holder.class);
            return holder != null && holder.command() != null ? holder : new Holder("skysync", -1, null);
        } catch (IOException | RuntimeException e) {
            return new Holder("skysync", -1, null);
        }
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
