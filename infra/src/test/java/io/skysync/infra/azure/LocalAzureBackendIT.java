package io.skysync.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.azure.AzureComposition;
import io.skysync.emulators.AzuriteEmulator;
import io.skysync.infra.LocalBackendContract;
import io.skysync.spi.LocalBackend;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure local backend (the Azure function over Azurite) under the local backends' one
 * contract, and what only this flavour has: its counters, and Azurite's per-instance account key.
 */
class LocalAzureBackendIT extends LocalBackendContract {
    private static final String PUBLIC_DEVELOPMENT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    static Path dataDir;
    private static LocalAzureBackend backend;

    @BeforeAll
    static void start() {
        if (AzuriteEmulator.locate().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(AzuriteEmulator.notInstalledMessage());
            }
            abort(AzuriteEmulator.notInstalledMessage());
        }
        backend = LocalAzureBackend.start(dataDir, 0);
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Override
    protected LocalBackend backend() {
        return backend;
    }

    @Override
    protected URI storage() {
        return backend.azurite().blobEndpoint();
    }

    @Override
    protected String flavour() {
        return "azure";
    }

    @Override
    protected int waitingRequests() {
        return backend.waitingRequests();
    }

    @Test
    void counters_oneHealthCall_countOneInvocationByRoute() throws Exception {
        backend.resetCounters();

        assertThat(send("GET", "/v1/health", null, null).statusCode()).isEqualTo(200);

        assertThat(backend.counters()).containsEntry("function.invocations", 1L)
                .containsEntry("function.invocations[GET /v1/health]", 1L)
                .containsEntry("table.requests", 0L);
    }

    /** Another user of the machine can reach Azurite's ports and knows Azurite's public development key. */
    @Test
    void azurite_publicDevelopmentKeyOrNoKey_isRefused() throws Exception {
        VaultSetup.overHttp(backend.endpoint()).createVault(backend.bootstrapSecret(), "private", "laptop");
        AzuriteEmulator azurite = backend.azurite();
        String publicKey = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + PUBLIC_DEVELOPMENT_KEY
                + ";BlobEndpoint=" + azurite.blobEndpoint() + ";TableEndpoint=" + azurite.tableEndpoint() + ";";
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        HttpPipelinePolicy record = (context, next) -> next.process().doOnNext(r -> statuses.add(r.getStatusCode()));
        TableClient table = new TableClientBuilder().connectionString(publicKey).tableName(LocalAzureBackend.TABLE)
                .httpClient(AzureComposition.httpClient()).addPolicy(record).buildClient();
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(publicKey)
                .httpClient(AzureComposition.httpClient()).addPolicy(record).buildClient()
                .getBlobContainerClient(LocalAzureBackend.CONTAINER);

        assertThatThrownBy(() -> table.listEntities().iterator().next()).isNotNull();
        assertThatThrownBy(() -> container.listBlobs().iterator().hasNext()).isNotNull();
        assertThat(statuses).containsExactly(403, 403);
        for (String anonymous : List.of(azurite.tableEndpoint() + "/" + LocalAzureBackend.TABLE + "()",
                azurite.blobEndpoint() + "/" + LocalAzureBackend.CONTAINER + "?restype=container&comp=list")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(anonymous))
                    .header("Accept", "application/json;odata=nometadata").header("x-ms-version", "2021-12-02").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(anonymous + ": " + response.body()).isBetween(401, 404);
            assertThat(response.body()).doesNotContain("private");
        }
    }

    @Test
    void provider_isFoundByServiceLoaderAsAzure() {
        assertThat(LocalBackend.provider("azure")).isInstanceOf(LocalAzureBackendProvider.class);
    }

    private static HttpResponse<byte[]> send(String method, String path, String token, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
