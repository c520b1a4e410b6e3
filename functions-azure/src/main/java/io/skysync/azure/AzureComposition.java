package io.skysync.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableServiceException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobRepairs;
import io.skysync.service.HeadWatch;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place of the Azure flavour that reads app settings, and wires the function:
 * <ul>
 *   <li>{@code SKYSYNC_STORAGE_CONNECTION}: a storage connection string with the account key
 *       (Azurite, or an account that allows shared keys); SAS URLs are then service SAS; or</li>
 *   <li>{@code SKYSYNC_STORAGE_ACCOUNT}: the account name, reached with the function's managed
 *       identity ({@code DefaultAzureCredential}; {@code AZURE_CLIENT_ID} picks a user-assigned one);
 *       SAS URLs are then user delegation SAS. {@code SKYSYNC_BLOB_ENDPOINT} and
 *       {@code SKYSYNC_TABLE_ENDPOINT} override the public-cloud endpoints.</li>
 *   <li>{@code SKYSYNC_TABLE}, {@code SKYSYNC_CONTAINER}: the manifest table and the blob container (required)</li>
 *   <li>{@code SKYSYNC_BOOTSTRAP_SECRET}: may create vaults; unset or blank disables vault creation, and so
 *       does a Key Vault reference the platform could not resolve (see {@link #bootstrapSecret})</li>
 * </ul>
 * Both SDKs use one OkHttp transport (Netty is excluded from the build).
 */
public final class AzureComposition implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AzureComposition.class.getName());
    private static final String KEY_VAULT_REFERENCE = "@Microsoft.KeyVault(";

    private final TableManifestStore manifest;
    private final AzureBlobStore blobs;
    private final ApiRouter router;
    private final RetentionJob cleanup;

    private AzureComposition(TableManifestStore manifest, AzureBlobStore blobs, ApiRouter router, RetentionJob cleanup) {
        this.manifest = manifest;
        this.blobs = blobs;
        this.router = router;
        this.cleanup = cleanup;
    }

    public static AzureComposition fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Builds from the given settings instead of the process environment (tests, the local backend). */
    public static AzureComposition fromEnvironment(Map<String, String> env) {
        String tableName = required(env, "SKYSYNC_TABLE");
        String containerName = required(env, "SKYSYNC_CONTAINER");
        HttpClient http = httpClient();
        Optional<String> connection = optional(env, "SKYSYNC_STORAGE_CONNECTION");
        TableClientBuilder tables = new TableClientBuilder().httpClient(http).tableName(tableName);
        BlobServiceClientBuilder blobService = new BlobServiceClientBuilder().httpClient(http);
        boolean withKey = connection.isPresent();
        if (withKey) {
            tables.connectionString(connection.get());
            blobService.connectionString(connection.get());
        } else {
            String account = optional(env, "SKYSYNC_STORAGE_ACCOUNT").orElseThrow(() -> new IllegalStateException(
                    "set SKYSYNC_STORAGE_ACCOUNT (managed identity) or SKYSYNC_STORAGE_CONNECTION (connection string);"
                            + " infra/azure/main.bicep sets the first"));
            TokenCredential identity = new DefaultAzureCredentialBuilder().build();
            tables.endpoint(optional(env, "SKYSYNC_TABLE_ENDPOINT")
                    .orElse("https://" + account + ".table.core.windows.net")).credential(identity);
            blobService.endpoint(optional(env, "SKYSYNC_BLOB_ENDPOINT")
                    .orElse("https://" + account + ".blob.core.windows.net")).credential(identity);
        }
        BlobServiceClient service = blobService.buildClient();
        SasSigner signer = withKey ? SasSigner.accountKey() : SasSigner.userDelegation(service, Clock.systemUTC());
        ServiceConfig config = ServiceConfig.withBootstrapSecret(bootstrapSecret(env.get("SKYSYNC_BOOTSTRAP_SECRET")));
        config = optional(env, ServiceConfig.MAX_UPLOAD_VARIABLE).map(Long::parseLong).map(config::withMaxUploadBytes)
                .orElse(config);
        return wire(tables.buildClient(), service.getBlobContainerClient(containerName), signer, config);
    }

    /**
     * The setting's value, or null for an unresolved Key Vault reference: when App Service cannot
     * resolve {@code @Microsoft.KeyVault(...)} (no role yet, vault unreachable) it passes the
     * reference text itself, which names the vault and is no secret. Vault creation then stays off
     * until the platform resolves it (docs/azure.md).
     */
    static String bootstrapSecret(String setting) {
        if (setting != null && setting.strip().startsWith(KEY_VAULT_REFERENCE)) {
            LOG.log(Level.WARNING, "SKYSYNC_BOOTSTRAP_SECRET is an unresolved Key Vault reference; vault creation "
                    + "is off until it resolves (check the app's Key Vault role, then restart the app)");
            return null;
        }
        return setting;
    }

    /** Wires the service over clients built elsewhere (tests); {@code GET /changes} never waits, as in Azure. */
    public static AzureComposition wire(TableClient table, BlobContainerClient container, SasSigner signer,
                                        ServiceConfig config) {
        return wire(table, container, signer, config, HeadWatch.NONE);
    }

    /**
     * As above, with {@code heads} answering {@code GET /changes?wait=}: the local backend, whose
     * commits all pass through one process. A Function billed while it waits is not cheap, so the
     * deployed app never waits (docs/watch.md).
     */
    public static AzureComposition wire(TableClient table, BlobContainerClient container, SasSigner signer,
                                        ServiceConfig config, HeadWatch heads) {
        Clock clock = Clock.systemUTC();
        var manifest = new TableManifestStore(table);
        var blobs = new AzureBlobStore(container, signer, clock);
        var retention = new TableRetentionStore(table);
        var repairs = new BlobRepairs(new AzureBlobAudit(container, signer, clock), new TableRepairStore(table), retention,
                manifest, clock, config.uploadTtl());
        var service = new SyncService(manifest, blobs, clock, Tokens.secure(), config,
                new TablePairingStore(table), new MarkedBlobGuard(retention), repairs, heads);
        var cleanup = new RetentionJob(manifest, retention, new AzureBlobSweeper(container), clock, RetentionPolicy.DEFAULT,
                repairs, UUID.randomUUID().toString());
        return new AzureComposition(manifest, blobs, new ApiRouter(service), cleanup);
    }

    /** Creates the table and the container if missing: for emulators; Bicep creates them in Azure. */
    public static void createStorage(TableClient table, BlobContainerClient container) {
        try {
            table.createTable();
        } catch (TableServiceException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 409) {
                throw e;
            }
        }
        container.createIfNotExists();
    }

    /** The shared transport of both SDKs, with time-outs well inside the function's own. */
    public static HttpClient httpClient() {
        return new OkHttpAsyncHttpClientBuilder()
                .connectionTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    public ApiRouter router() {
        return router;
    }

    /** The scheduled clean-up over the same table and container ({@link SkysyncCleanupFunction}). */
    public RetentionJob retentionJob() {
        return cleanup;
    }

    public TableManifestStore manifest() {
        return manifest;
    }

    public AzureBlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() {
        manifest.close();
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(
                name + " is not set: infra/azure/main.bicep sets it on the Function App; set it for a local run"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
