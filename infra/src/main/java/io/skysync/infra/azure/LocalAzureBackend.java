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
import io.skysync.infra.LocalBackendHost;
import io.skysync.infra.LocalLimits;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.LocalInstance;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    private final LocalBackendHost host;
    private final AzuriteEmulator azurite;

    private LocalAzureBackend(LocalBackendHost host, AzuriteEmulator azurite) {
        this.host = host;
        this.azurite = azurite;
    }

    /**
     * Starts Azurite and the backend.
     *
     * @param dataDir where Azurite keeps its data; created if missing; locked while the backend runs
     * @param port    the API port on 127.0.0.1, or 0 for any free one
     * @throws IllegalStateException if Azurite is not installed, the data folder is in use, or the port is taken
     */
    public static LocalAzureBackend start(Path dataDir, int port) {
        LocalBackendHost host = LocalBackendHost.open(dataDir, FLAVOUR);
        try {
            LocalAzureBackend backend = new LocalAzureBackend(host,
                    host.closeLater(AzuriteEmulator.start(host.storeFolder("azurite"))));
            backend.serve(port);
            return backend;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void serve(int port) {
        RequestCounter invocations = new RequestCounter();
        RequestCounter tableRequests = new RequestCounter();
        RequestCounter blobRequests = new RequestCounter();
        host.count("function.invocations", invocations::snapshot, invocations::reset);
        host.count("table.requests", tableRequests::snapshot, tableRequests::reset);
        host.count("blob.requests", blobRequests::snapshot, blobRequests::reset);
        TableClient table = new TableClientBuilder().connectionString(azurite.connectionString())
                .httpClient(AzureComposition.httpClient()).addPolicy(new CountingPolicy(tableRequests))
                .tableName(TABLE).buildClient();
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(AzureComposition.httpClient()).addPolicy(new CountingPolicy(blobRequests))
                .buildClient().getBlobContainerClient(CONTAINER);
        AzureComposition.createStorage(table, container);
        AzureComposition composition = host.closeLater(AzureComposition.wire(table, container, SasSigner.accountKey(),
                LocalLimits.config(host.bootstrapSecret()), host.headWatch()));
        SkysyncFunctions function = new SkysyncFunctions(composition.router());
        host.serve(port, new FunctionHttpBridge(function, invocations));
    }

    @Override
    public URI endpoint() {
        return host.endpoint();
    }

    @Override
    public String bootstrapSecret() {
        return host.bootstrapSecret();
    }

    /** The secret of this start, from which the counters key is derived ({@link LocalInstance}). */
    public String instanceSecret() {
        return host.instanceSecret();
    }

    @Override
    public Map<String, Long> counters() {
        return host.counters();
    }

    @Override
    public Duration idle() {
        return host.idle();
    }

    public void resetCounters() {
        host.resetCounters();
    }

    /** The Azurite behind the function, for tests that read the storage back. */
    public AzuriteEmulator azurite() {
        return azurite;
    }

    /** How many {@code GET /changes?wait=} requests wait for a commit right now (tests wait for one to). */
    public int waitingRequests() {
        return host.waitingRequests();
    }

    public Duration startupTime() {
        return host.startupTime();
    }

    /** Stops serving, stops Azurite (its data stays on disk), and releases the data folder. */
    @Override
    public void close() {
        host.close();
    }

    @Override
    public String toString() {
        return host.toString();
    }
}
