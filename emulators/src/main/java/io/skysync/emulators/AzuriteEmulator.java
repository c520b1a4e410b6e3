package io.skysync.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Azurite (the Azure Storage emulator, a Node.js program from npm) as a child process on
 * {@code 127.0.0.1}, with its blob, table and queue services on free ports. It is found through
 * {@code AZURITE_HOME} (the {@code azurite} package folder, as {@code .ci/install-azurite.sh} prints
 * it), else {@code node_modules/azurite} in the working folder or a parent, else the install
 * script's default cache ({@code ~/.cache/skysync/azurite-3.37.0}, or below {@code SKYSYNC_CACHE}).
 *
 * <p>The account is named {@code devstoreaccount1}, as Azurite's built-in one, but its key is
 * generated for this instance and handed to Azurite in its environment ({@code AZURITE_ACCOUNTS},
 * which also turns the built-in account with its public key off). The environment of a process is
 * readable by its owner only, unlike its command line. So another user of the machine, who can
 * reach the loopback ports, gets {@code 403} for lack of the key.
 */
public final class AzuriteEmulator implements AutoCloseable {
    public static final String ACCOUNT = "devstoreaccount1";
    static final String ACCOUNTS_ENV = "AZURITE_ACCOUNTS";
    static final String VERSION = "3.37.0";
    private static final String ENTRY = "dist/src/azurite.js";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Thread reaper;
    private final int blobPort;
    private final int tablePort;
    private final int queuePort;
    private final String accountKey;

    private AzuriteEmulator(Process process, Thread reaper, int blobPort, int tablePort, int queuePort, String accountKey) {
        this.process = process;
        this.accountKey = accountKey;
        this.reaper = reaper;
        this.blobPort = blobPort;
        this.tablePort = tablePort;
        this.queuePort = queuePort;
    }

    /** Where Azurite is installed, if anywhere this class looks. */
    public static Optional<Path> locate() {
        return locate(System.getenv(), Path.of("").toAbsolutePath());
    }

    static Optional<Path> locate(Map<String, String> env, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        String home = env.get("AZURITE_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home));
            candidates.add(Path.of(home, "node_modules", "azurite"));
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("node_modules").resolve("azurite"));
        }
        String cache = env.get("SKYSYNC_CACHE");
        Path cacheDir = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "skysync");
        candidates.add(cacheDir.resolve("azurite-" + VERSION).resolve("node_modules").resolve("azurite"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(ENTRY))).findFirst();
    }

    /** What to do when {@link #locate()} finds nothing. */
    public static String notInstalledMessage() {
        return "Azurite is not installed: run `bash .ci/install-azurite.sh` (needs Node.js and npm) and, if you"
                + " install it elsewhere, export AZURITE_HOME=<the azurite package folder>";
    }

    /**
     * Starts Azurite and waits until its three services listen.
     *
     * @param dataDirOrNull where Azurite keeps its data (created if missing), or null for memory only
     * @throws IllegalStateException if Azurite is not installed or does not start
     */
    public static AzuriteEmulator start(Path dataDirOrNull) {
        Path home = locate().orElseThrow(() -> new IllegalStateException(notInstalledMessage()));
        if (dataDirOrNull != null) {
            Loopback.createDirectories(dataDirOrNull);
        }
        IllegalStateException last = null;
        // Free ports are found by binding and releasing them, so another process may take one
        // before Azurite binds it: then Azurite exits and we try again with other ports.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return startOnce(home, dataDirOrNull);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static AzuriteEmulator startOnce(Path home, Path dataDirOrNull) {
        int blob = freePort();
        int table = freePort();
        int queue = freePort();
        List<String> command = new ArrayList<>(List.of("node", home.resolve(ENTRY).toString(),
                "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", Loopback.HOST, "--blobPort", Integer.toString(blob),
                "--tableHost", Loopback.HOST, "--tablePort", Integer.toString(table),
                "--queueHost", Loopback.HOST, "--queuePort", Integer.toString(queue)));
        if (dataDirOrNull == null) {
            command.add("--inMemoryPersistence");
        } else {
            command.addAll(List.of("--location", dataDirOrNull.toAbsolutePath().toString()));
        }
        String accountKey = InstanceKeys.accountKey();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(ACCOUNTS_ENV, ACCOUNT + ":" + accountKey);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node (Node.js 18 or newer must be on the PATH): " + e.getMessage(), e);
        }
        Thread reaper = new Thread(process::destroyForcibly, "azurite-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        AzuriteEmulator emulator = new AzuriteEmulator(process, reaper, blob, table, queue, accountKey);
        try {
            emulator.awaitListening();
            return emulator;
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** Reads Azurite's output until all three services say they listen; keeps draining it after. */
    private void awaitListening() {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                // The process ended; the waiting loop sees that.
            }
        }, "azurite-output");
        drain.setDaemon(true);
        drain.start();
        StringBuilder seen = new StringBuilder();
        int listening = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        try {
            while (listening < 3) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.append(line).append('\n');
                    if (line.contains("successfully listening")) {
                        listening++;
                    }
                } else if (!process.isAlive() && lines.isEmpty()) {
                    throw new IllegalStateException("Azurite exited with " + process.exitValue() + ":\n" + seen);
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Azurite did not start in " + START_TIMEOUT_SECONDS + " s:\n" + seen);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Azurite started", e);
        }
    }

    public URI blobEndpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + blobPort + "/" + ACCOUNT);
    }

    public URI tableEndpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + tablePort + "/" + ACCOUNT);
    }

    public URI queueEndpoint() {
        return URI.create("http://" + Loopback.HOST + ":" + queuePort + "/" + ACCOUNT);
    }

    /** This instance's account key (base64), generated at start. */
    public String accountKey() {
        return accountKey;
    }

    /** A connection string for the Azure SDKs with this instance's account and key. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + accountKey
                + ";BlobEndpoint=" + blobEndpoint() + ";TableEndpoint=" + tableEndpoint()
                + ";QueueEndpoint=" + queueEndpoint() + ";";
    }

    /** Azurite's command line, as every user of the machine can see it. */
    List<String> commandLine() {
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the reaper itself.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Loopback.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + Loopback.HOST, e);
        }
    }
}
