package io.skysync.infra.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.azure.AzureComposition;
import io.skysync.azure.SasSigner;
import io.skysync.azure.SkysyncFunctions;
import io.skysync.emulators.AzuriteEmulator;
import io.skysync.emulators.RequestCounter;
import io.skysync.infra.DataFolder;
import io.skysync.infra.LoopbackHttpServer;
import io.skysync.service.ServiceConfig;
import io.skysync.spi.LocalBackend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Azure flavour of the embedded local backend: the real function class ({@link SkysyncFunctions})
 * invoked as the Functions host would, behind {@code http://127.0.0.1:<port>}, over Azurite's blob
 * and table services (a Node.js child process, see {@link AzuriteEmulator}). SAS URLs point at
 * Azurite's own loopback port, so the bytes go straight to "storage", as they do on Azure.
 *
 * <p>The data folder (see {@link DataFolder}) holds {@code azurite/}, Azurite's database and blob
 * files (table {@value #TABLE}, container {@value #CONTAINER}); they persist across restarts.
 *
 * <p>{@link #counters()}: {@code function.invocations} (and per route), {@code table.requests} and
 * {@code blob.requests} (and per HTTP method) made by the function. Set-up at start is not counted.
 */
public final class LocalAzureBackend implements LocalBackend {
    public static final String TABLE = "skysync";
    public static final String CONTAINER = "skysync";
    static final String FLAVOUR = "azure";

    private final DataFolder folder;
    private final AzuriteEmulator azurite;
    private final String bootstrapSecret;
    private final RequestCounter invocations = new RequestCounter();
    private final RequestCounter tableRequests = new RequestCounter();
    private final RequestCounter blobRequests = new RequestCounter();
    private AzureComposition composition;
    private LoopbackHttpServer http;
    private Duration startupTime;
    private boolean closed;

    private LocalAzureBackend(DataFolder folder, AzuriteEmulator azurite, String bootstrapSecret) {
        this.folder = folder;
        this.azurite = azurite;
        this.bootstrapSecret = bootstrapSecret;
    }

    /**
     * Starts Azurite and the backend and prints one line with its endpoint and start-up time to
     * standard error.
     *
     * @param dataDir where Azurite keeps its data; created if missing; locked while the backend runs
     * @param port    the API port on 127.0.0.1, or 0 for any free one
     * @throws IllegalStateException if Azurite is not installed, the data folder is in use, or the port is taken
     */
    public static LocalAzureBackend start(Path dataDir, int port) {
        long started = System.nanoTime();
        DataFolder folder = DataFolder.open(dataDir);
        LocalAzureBackend backend;
        try {
            backend = new LocalAzureBackend(folder, AzuriteEmulator.start(folder.storeFolder("azurite")), folder.bootstrapSecret());
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        try {
            backend.serve(port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        backend.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return backend;
    }

    private void serve(int port) {
        TableClient table = new TableClientBuilder().connectionString(azurite.connectionString())
                .httpClient(AzureComposition.httpClient()).addPolicy(new CountingPolicy(tableRequests))
                .tableName(TABLE).buildClient();
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(AzureComposition.httpClient()).addPolicy(new CountingPolicy(blobRequests))
                .buildClient().getBlobContainerClient(CONTAINER);
        AzureComposition.createStorage(table, container);
        composition = AzureComposition.wire(table, container, SasSigner.accountKey(),
                ServiceConfig.withBootstrapSecret(bootstrapSecret));
        SkysyncFunctions function = new SkysyncFunctions(composition.router());
        http = LoopbackHttpServer.start(port, new FunctionHttpBridge(function, invocations), this::counters, this::resetCounters);
        resetCounters();
        folder.writeEndpoint(http.endpoint());
    }

    @Override
    public URI endpoint() {
        return http.endpoint();
    }

    @Override
    public String bootstrapSecret() {
        return bootstrapSecret;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        put(all, "function.invocations", invocations.snapshot());
        put(all, "table.requests", tableRequests.snapshot());
        put(all, "blob.requests", blobRequests.snapshot());
        return all;
    }

    public void resetCounters() {
        invocations.reset();
        tableRequests.reset();
        blobRequests.reset();
    }

    /** The Azurite behind the function, for tests that read the storage back. */
    public AzuriteEmulator azurite() {
        return azurite;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Stops serving, stops Azurite (its data stays on disk), and releases the data folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.close();
        }
        if (composition != null) {
            composition.close();
        }
        azurite.close();
        folder.close();
    }

    @Override
    public String toString() {
        String time = startupTime == null ? "starting"
                : String.format(Locale.ROOT, "started in %.1f s", startupTime.toMillis() / 1000.0);
        return "skysync local backend on " + (http == null ? "(not serving)" : http.endpoint()) + " (" + FLAVOUR + ") " + time;
    }

    private static void put(Map<String, Long> all, String kind, Map<String, Long> byName) {
        all.put(kind, byName.values().stream().mapToLong(Long::longValue).sum());
        byName.forEach((name, count) -> all.put(kind + "[" + name + "]", count));
    }
}
