package io.skysync.infra;

import io.skysync.spi.LocalInstance;
import io.skysync.spi.PrivateFolder;
import io.skysync.spi.ProcessFileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The data folder of a local backend, opened by one process at a time. Its files:
 * <ul>
 *   <li>{@code lock}: an empty file; the running backend holds an exclusive OS lock on it
 *       ({@link ProcessFileLock}), so a second backend on the same folder fails at once.</li>
 *   <li>{@code bootstrap-secret}: the secret that may create vaults, generated on first start and
 *       kept; UTF-8 text, one line (43 characters of base64url), mode 0600. Readers strip whitespace.</li>
 *   <li>{@code instance-secret}: a secret generated at each start (same format and mode), which the
 *       running backend proves it knows before a client trusts it ({@link LocalInstance}); removed
 *       when it stops.</li>
 *   <li>{@code endpoint}: the running backend's base URL, e.g. {@code http://127.0.0.1:51234}, one
 *       line, written (atomically) once the backend serves. Only meaningful while {@code lock} is
 *       held: it is removed when the backend stops, on SIGTERM too (a shutdown hook), and at once by
 *       the next backend that takes the lock; after {@code kill -9} it remains until then, so a
 *       reader trusts it only while the lock is held and the backend answers the challenge.</li>
 * </ul>
 * The folder must be the user's own and writable by nobody else ({@link PrivateFolder}): whoever
 * can write into it could swap any of these files.
 * The stores keep their own sub-folders (e.g. {@code dynamodb/} and {@code s3/} for the AWS flavour).
 */
public final class DataFolder implements AutoCloseable {
    public static final String LOCK = "lock";
    public static final String BOOTSTRAP_SECRET = "bootstrap-secret";
    public static final String ENDPOINT = "endpoint";
    public static final String INSTANCE_SECRET = LocalInstance.FILE;

    private static final int LOCK_ATTEMPTS = 5;
    private static final long LOCK_RETRY_MILLIS = 20;
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final ProcessFileLock lock;
    private final String instanceSecret;
    private final Thread cleanUpOnExit;

    private DataFolder(Path dir, ProcessFileLock lock, String instanceSecret) {
        this.dir = dir;
        this.lock = lock;
        this.instanceSecret = instanceSecret;
        this.cleanUpOnExit = new Thread(this::removeRunningFiles, "skysync-data-folder-exit");
    }

    /**
     * Creates the folder if missing (owner-only where the file system has POSIX permissions) and
     * locks it.
     *
     * @throws IllegalStateException if another backend (in this or another process) has it open, or
     *                               the folder is not the user's own
     */
    public static DataFolder open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            createOwnerOnlyDirectories(absolute);
            PrivateFolder.require(absolute, "the data folder");
            ProcessFileLock lock = acquire(absolute.resolve(LOCK));
            if (lock == null) {
                throw new IllegalStateException(inUseMessage(absolute));
            }
            return started(absolute, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data folder " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lock, or null if another backend holds it. A client that checks whether a backend runs
     * takes the lock for an instant (a try-and-release: the OS has no other probe), so a failed
     * attempt is tried again a few times before the folder counts as taken.
     */
    private static ProcessFileLock acquire(Path lockFile) throws IOException {
        for (int attempt = 1; ; attempt++) {
            ProcessFileLock lock = ProcessFileLock.tryAcquire(lockFile);
            if (lock != null || attempt == LOCK_ATTEMPTS) {
                return lock;
            }
            try {
                Thread.sleep(LOCK_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Under the lock: no endpoint until this backend serves, a new instance secret, and clean-up on SIGTERM. */
    private static DataFolder started(Path dir, ProcessFileLock lock) throws IOException {
        try {
            Files.deleteIfExists(dir.resolve(ENDPOINT));
            String secret = LocalInstance.newSecret();
            writeOwnerOnly(dir.resolve(INSTANCE_SECRET), secret + "\n");
            DataFolder folder = new DataFolder(dir, lock, secret);
            Runtime.getRuntime().addShutdownHook(folder.cleanUpOnExit);
            return folder;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static String inUseMessage(Path dir) {
        String running = readEndpoint(dir).map(e -> " (it serves " + e + ")").orElse("");
        return "the data folder " + dir + " is in use by another skysync backend" + running
                + "; stop it first, reuse it, or pass another data folder";
    }

    public Path path() {
        return dir;
    }

    /** A sub-folder for one store, created if missing. */
    public Path storeFolder(String name) {
        Path sub = dir.resolve(name);
        try {
            createOwnerOnlyDirectories(sub);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + sub + ": " + e.getMessage(), e);
        }
        return sub;
    }

    /** The bootstrap secret: read from {@code bootstrap-secret}, or generated and written there (0600) on first use. */
    public String bootstrapSecret() {
        Path file = dir.resolve(BOOTSTRAP_SECRET);
        try {
            if (Files.exists(file)) {
                String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    throw new IllegalStateException(file + " is empty: delete it and a new secret is generated on the next start");
                }
                return secret;
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            writeOwnerOnly(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret of this start, which clients read from {@code instance-secret} to check the backend. */
    public String instanceSecret() {
        return instanceSecret;
    }

    /** Records where the backend serves, for clients that want to reuse it. */
    public void writeEndpoint(URI endpoint) {
        Path file = dir.resolve(ENDPOINT);
        Path temp = dir.resolve(ENDPOINT + ".tmp");
        try {
            Files.writeString(temp, endpoint + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint recorded in a data folder, if any; it may be stale (see the class comment). */
    public static Optional<URI> readEndpoint(Path dir) {
        try {
            String text = Files.readString(dir.resolve(ENDPOINT), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(URI.create(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Deletes the endpoint and instance-secret files and releases the lock. */
    @Override
    public void close() {
        removeRunningFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and runs the hook itself.
        }
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + dir, e);
        }
    }

    /** Only the lock holder calls this, so the files it removes are its own. */
    private void removeRunningFiles() {
        for (String name : new String[] {ENDPOINT, INSTANCE_SECRET}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // Left behind, it is harmless: readers trust it only while the lock is held.
            }
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir.getParent())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        FileAttribute<?>[] attributes = posix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a concurrent writer created " + temp, e);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix(Path existingAncestor) {
        Path probe = existingAncestor;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            return probe != null && Files.getFileStore(probe).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }
}
