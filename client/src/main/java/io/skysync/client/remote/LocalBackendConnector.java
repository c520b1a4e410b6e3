package io.skysync.client.remote;

import io.skysync.client.config.UserError;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.PrivateFolder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Connects to the embedded local backend of a data folder: one already running on it (a
 * {@code skysync serve}, or one an earlier command started: it holds the folder's lock,
 * {@code <data>/endpoint} names it, and it proves it knows the folder's instance secret:
 * {@link RunningBackend}), otherwise one started for this command. By default that one runs in a
 * process of its own and stays up for the next commands until it has been idle for a while
 * ({@link DetachedBackend}; a no-op sync then costs the CLI's start and one request, not the
 * backend's start); with an idle stop of zero it runs in this process for the duration of the
 * command. The backend holds a lock on its data folder, so two never open the same database files
 * at once. A data folder that another user owns or may write into is refused before anything in it
 * is read.
 */
public final class LocalBackendConnector {
    /** The local backends there are: AWS's stand-ins, and Azure's (Azurite). */
    public static final List<String> FLAVOURS = List.of("aws", "azure");
    /** How long a backend a command starts stays up without a request, unless SKYSYNC_BACKEND_IDLE_STOP says otherwise. */
    public static final Duration DEFAULT_IDLE_STOP = Duration.ofMinutes(10);
    /** How long to wait for a backend that holds the lock but is still starting (emulators take seconds). */
    static final Duration STARTING_WAIT = Duration.ofSeconds(30);
    /** Each look takes the lock for an instant (see RunningBackend), so not too often. */
    private static final Duration POLL = Duration.ofMillis(100);

    private LocalBackendConnector() {
    }

    /** A live local backend; closing it stops the backend only if this process runs it. */
    public record Connection(URI endpoint, String bootstrapSecret, LocalBackend owned, KeepAlive keepAlive)
            implements AutoCloseable {
        @Override
        public void close() {
            if (keepAlive != null) {
                keepAlive.close();
            }
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Connects, starting a backend in this process for the command if none runs. */
    public static Connection connect(Path dataDir, OkHttpClient http) {
        return connect(dataDir, http, Duration.ZERO, STARTING_WAIT);
    }

    /**
     * Connects, starting a backend if none runs: in a process of its own that stops after
     * {@code idleStop} without a request, or (zero) in this process for the duration of the command.
     */
    public static Connection connect(Path dataDir, OkHttpClient http, Duration idleStop) {
        return connect(dataDir, http, idleStop, STARTING_WAIT);
    }

    /** As above, waiting at most {@code startingWait} for a backend that holds the lock to serve. */
    static Connection connect(Path dataDir, OkHttpClient http, Duration idleStop, Duration startingWait) {
        Optional<Connection> running = running(dataDir, http, idleStop, startingWait);
        if (running.isPresent()) {
            return running.get();
        }
        LocalBackend.Provider provider = provider(dataDir);
        if (!idleStop.isZero()) {
            return detached(dataDir, http, provider.flavour(), idleStop, startingWait);
        }
        LocalBackend backend;
        try {
            backend = provider.start(dataDir, 0);
        } catch (RuntimeException e) {
            throw new UserError("cannot start the local backend on " + dataDir + ": " + e.getMessage()
                    + " (is another skysync command using it? run 'skysync serve' to share it)", e);
        }
        return new Connection(backend.endpoint(), backend.bootstrapSecret(), backend, null);
    }

    private static Optional<Connection> running(Path dataDir, OkHttpClient http, Duration idleStop, Duration wait) {
        if (!Files.isDirectory(dataDir)) {
            return Optional.empty();
        }
        try {
            PrivateFolder.require(dataDir, "the local backend's data folder");
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        }
        return RunningBackend.find(dataDir, http, wait).map(proven -> new Connection(proven.endpoint(), readSecret(dataDir),
                null, KeepAlive.start(proven.endpoint(), proven.instanceSecret(), http, keepAliveInterval(idleStop))));
    }

    /**
     * Starts a backend in its own process and waits until a backend (it, or one that another command
     * started at the same moment and that won the data folder) holds the lock; then connects to it.
     */
    private static Connection detached(Path dataDir, OkHttpClient http, String flavour, Duration idleStop, Duration wait) {
        Process process = DetachedBackend.spawn(dataDir, flavour, idleStop);
        long deadline = System.nanoTime() + wait.toNanos();
        Path lock = dataDir.resolve("lock");
        while (!RunningBackend.lockHeld(lock)) {
            if (!process.isAlive() && !RunningBackend.lockHeld(lock)) {
                throw new UserError("the local backend did not start (exit " + process.exitValue() + "); see "
                        + dataDir.resolve(DetachedBackend.LOG));
            }
            if (System.nanoTime() > deadline) {
                throw new UserError("the local backend did not start in " + wait.toSeconds() + " s; see "
                        + dataDir.resolve(DetachedBackend.LOG));
            }
            pause();
        }
        return running(dataDir, http, idleStop, wait).orElseThrow(() -> new UserError(
                "the local backend stopped right after it started; see " + dataDir.resolve(DetachedBackend.LOG)));
    }

    /** Often enough that a backend started with this idle stop never sees a gap as long. */
    private static Duration keepAliveInterval(Duration idleStop) {
        Duration third = (idleStop.isZero() ? DEFAULT_IDLE_STOP : idleStop).dividedBy(3);
        return third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : third.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : third;
    }

    private static LocalBackend.Provider provider(Path dataDir) {
        try {
            return LocalBackend.provider(flavourOf(dataDir));
        } catch (IllegalStateException e) {
            throw new UserError("the embedded local backend is not installed: it is the backend/ folder of the release"
                    + " archive (from a source checkout, run ./skysync), or set 'endpoint' in .skysync/config.toml to a"
                    + " deployed API", e);
        }
    }

    /**
     * The flavour a data folder was used with: each keeps its stores in its own sub-folder, so a
     * folder that only holds Azurite's data ({@code azurite/}) is an Azure one; anything else is AWS.
     */
    public static String flavourOf(Path dataDir) {
        boolean azure = Files.isDirectory(dataDir.resolve("azurite"));
        boolean aws = Files.isDirectory(dataDir.resolve("dynamodb"));
        return azure && !aws ? "azure" : "aws";
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while the local backend started", e);
        }
    }

    private static String readSecret(Path dataDir) {
        Path file = dataDir.resolve("bootstrap-secret");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
