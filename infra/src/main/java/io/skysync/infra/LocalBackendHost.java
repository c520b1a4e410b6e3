package io.skysync.infra;

import com.sun.net.httpserver.HttpHandler;
import io.skysync.service.InProcessHeadWatch;
import io.skysync.spi.LocalInstance;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every flavour of the local backend does the same way: it holds the locked {@link DataFolder}
 * and its bootstrap secret, serves the flavour's API handler on loopback ({@link LoopbackHttpServer}),
 * sums the counters of each kind the flavour registers, and closes the server, then the flavour's
 * resources (in the reverse order of registration), then the folder. The flavour only starts its
 * stand-ins and wires its real function over them.
 */
public final class LocalBackendHost implements AutoCloseable {
    /** Below the clients' read time-out, and at most the API's bound of 60 s. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** Of the HTTP server's 16 threads, at most this many are held by waiting requests. */
    static final int MAX_WAITERS = 8;
    private final String flavour;
    private final DataFolder folder;
    private final String bootstrapSecret;
    private final long openedNanos;
    private final Map<String, CounterSource> counters = new LinkedHashMap<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private LoopbackHttpServer http;
    private Duration startupTime;
    private InProcessHeadWatch heads;
    private boolean closed;

    private record CounterSource(Supplier<Map<String, Long>> byName, Runnable reset) {
    }

    private LocalBackendHost(String flavour, DataFolder folder, String bootstrapSecret, long openedNanos) {
        this.flavour = flavour;
        this.folder = folder;
        this.bootstrapSecret = bootstrapSecret;
        this.openedNanos = openedNanos;
    }

    /**
     * Locks the data folder and reads (or creates) its bootstrap secret; the start-up time is
     * counted from here.
     *
     * @throws IllegalStateException if another backend has the data folder open
     */
    public static LocalBackendHost open(Path dataDir, String flavour) {
        long started = System.nanoTime();
        DataFolder folder = DataFolder.open(dataDir);
        try {
            return new LocalBackendHost(flavour, folder, folder.bootstrapSecret(), started);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /**
     * How this backend answers {@code GET /changes?wait=}: every commit of its vaults passes through
     * this process, so a commit wakes the waiting requests at once. Closed with the backend, which
     * wakes them.
     */
    public synchronized InProcessHeadWatch headWatch() {
        if (heads == null) {
            heads = closeLater(new InProcessHeadWatch(MAX_WAIT, MAX_WAITERS));
        }
        return heads;
    }

    /** How many {@code GET /changes?wait=} requests wait for a commit right now. */
    public int waitingRequests() {
        return headWatch().waiting();
    }

    /** A sub-folder of the data folder for one store, created if missing. */
    public Path storeFolder(String name) {
        return folder.storeFolder(name);
    }

    /** Closes {@code resource} when the backend closes, before the data folder is released; answers it. */
    public synchronized <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Reports counts of one kind in {@link #counters()}: {@code kind} is their sum and
     * {@code kind[name]} each one.
     */
    public void count(String kind, Supplier<Map<String, Long>> byName, Runnable reset) {
        counters.put(kind, new CounterSource(byName, reset));
    }

    /**
     * Serves {@code api} on {@code 127.0.0.1:port} (0 for any free one) with the {@code /_local/}
     * counter endpoints, sets the counters to zero (set-up is not counted) and records the endpoint
     * in the data folder.
     *
     * @throws IllegalStateException if the port is taken
     */
    public void serve(int port, HttpHandler api) {
        http = LoopbackHttpServer.start(port, api, folder.instanceSecret(), this::counters, this::resetCounters);
        resetCounters();
        folder.writeEndpoint(http.endpoint());
        startupTime = Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    public URI endpoint() {
        return http.endpoint();
    }

    /** How long the backend has served no request (zero while it serves one or before it serves). */
    public Duration idle() {
        return http == null ? Duration.ZERO : http.idle();
    }

    public String bootstrapSecret() {
        return bootstrapSecret;
    }

    /** The secret of this start (the data folder's {@code instance-secret}); see {@link LocalInstance}. */
    public String instanceSecret() {
        return folder.instanceSecret();
    }

    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        counters.forEach((kind, source) -> {
            Map<String, Long> byName = source.byName().get();
            all.put(kind, byName.values().stream().mapToLong(Long::longValue).sum());
            byName.forEach((name, count) -> all.put(kind + "[" + name + "]", count));
        });
        return all;
    }

    public void resetCounters() {
        counters.values().forEach(source -> source.reset().run());
    }

    /** From {@link #open} until the backend served; null while it starts. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops serving, closes the flavour's resources (their data stays on disk) and releases the data
     * folder, even if one of them fails to close; the first failure is thrown afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (http != null) {
            failure = closeQuietly(http, failure);
        }
        while (!resources.isEmpty()) {
            failure = closeQuietly(resources.pop(), failure);
        }
        failure = closeQuietly(folder, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable resource, RuntimeException earlier) {
        try {
            resource.close();
            return earlier;
        } catch (Exception e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot close " + resource + ": " + e.getMessage(), e);
            if (earlier == null) {
                return failure;
            }
            earlier.addSuppressed(failure);
            return earlier;
        }
    }

    @Override
    public String toString() {
        String time = startupTime == null ? "starting"
                : String.format(Locale.ROOT, "started in %.1f s", startupTime.toMillis() / 1000.0);
        return "skysync local backend on " + (http == null ? "(not serving)" : http.endpoint()) + " (" + flavour + ") " + time;
    }
}
