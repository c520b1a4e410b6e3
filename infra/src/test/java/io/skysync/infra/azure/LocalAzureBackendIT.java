package io.skysync.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import io.skysync.emulators.AzuriteEmulator;
import io.skysync.infra.LocalBackendContract;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure local backend (the Azure function over Azurite) under the local backends' one
 * contract, and what only this flavour has: its counters.
 */
class LocalAzureBackendIT extends LocalBackendContract {
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

    @Test
    void counters_oneHealthCall_countOneInvocationByRoute() throws Exception {
        backend.resetCounters();

        assertThat(send("GET", "/v1/health", null, null).statusCode()).isEqualTo(200);

        assertThat(backend.counters()).containsEntry("function.invocations", 1L)
                .containsEntry("function.invocations[GET /v1/health]", 1L)
                .containsEntry("table.requests", 0L);
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
