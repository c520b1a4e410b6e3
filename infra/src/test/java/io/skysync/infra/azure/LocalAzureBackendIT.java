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
import io.skysync.api.ApiJson;
import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.azure.AzureComposition;
import io.skysync.emulators.AzuriteEmulator;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Azure local backend driven over real HTTP on 127.0.0.1, as the client drives it. */
class LocalAzureBackendIT {
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

    @Test
    void sync_planUploadCommitChangesDownload_roundTripsBytesThroughSasUrls() throws Exception {
        String token = createVault("round-trip");
        byte[] content = "hello from azurite\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();

        PlanResponse plan = post("/v1/vaults/round-trip/plan", token, new PlanRequest(0L,
                List.of(new LocalChangeDto("docs/a b#1.txt", 0L, hash, (long) content.length, false))), PlanResponse.class);
        UploadDto upload = plan.uploads().get(0);
        assertThat(upload.url()).startsWith(backend.azurite().blobEndpoint().toString());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url()))
                .method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(content));
        upload.headers().forEach(put::header);
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);

        CommitResponse commit = post("/v1/vaults/round-trip/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("docs/a b#1.txt", 0L, hash, (long) content.length, 1_700_000_000_000L, false))),
                CommitResponse.class);
        assertThat(commit.results()).extracting(CommitResultDto::status).containsExactly(CommitResultDto.COMMITTED);

        ChangesResponse changes = ApiJson.read(send("GET", "/v1/vaults/round-trip/changes?since=0", token, null).body(),
                ChangesResponse.class);
        assertThat(changes.entries()).singleElement().satisfies(e -> assertThat(e.hash()).isEqualTo(hash));

        DownloadUrlsResponse urls = post("/v1/vaults/round-trip/download-urls", token,
                new DownloadUrlsRequest(List.of(new DownloadUrlsRequest.FileRef("docs/a b#1.txt", null))), DownloadUrlsResponse.class);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(urls.urls().get(0).url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void commit_blobNeverUploaded_isMissingBlobAndWritesNothing() throws Exception {
        String token = createVault("missing");
        String hash = ContentHash.ofBytes(new byte[] {7}).hex();

        CommitResponse commit = post("/v1/vaults/missing/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("x.bin", 0L, hash, 1L, 1L, false))), CommitResponse.class);

        assertThat(commit.results()).extracting(CommitResultDto::status).containsExactly(CommitResultDto.MISSING_BLOB);
        assertThat(new String(send("GET", "/v1/vaults/missing/changes?since=0", token, null).body(), StandardCharsets.UTF_8))
                .contains("\"entries\":[]");
    }

    @Test
    void changes_withWait_answersOverHttpWhenTheNextCommitLands() throws Exception {
        String token = createVault("long-poll");
        CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/v1/vaults/long-poll/changes?since=0&wait=30", token, null);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (backend.waitingRequests() == 0) {
            assertThat(System.nanoTime()).as("the request waits on the server").isLessThan(deadline);
            Thread.sleep(5);
        }
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        PlanResponse plan = post("/v1/vaults/long-poll/plan", token, new PlanRequest(0L,
                List.of(new LocalChangeDto("a.txt", 0L, hash, 1L, false))), PlanResponse.class);
        UploadDto upload = plan.uploads().get(0);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url()))
                .method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(content));
        upload.headers().forEach(put::header);
        HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding());
        post("/v1/vaults/long-poll/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("a.txt", 0L, hash, 1L, 1L, false))), CommitResponse.class);

        ChangesResponse changes = ApiJson.read(waiting.get(20, TimeUnit.SECONDS).body(), ChangesResponse.class);
        assertThat(changes.entries()).extracting(e -> e.path()).containsExactly("a.txt");
        assertThat(changes.waitSeconds()).isEqualTo(30);
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
    void unknownRouteAndMethod_getTheRoutersJsonErrors() throws Exception {
        HttpResponse<byte[]> unknown = send("GET", "/nothing/here", null, null);
        HttpResponse<byte[]> wrongMethod = send("DELETE", "/v1/health", null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"not_found\"");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    /** Another user of the machine can reach Azurite's ports and knows Azurite's public development key. */
    @Test
    void azurite_publicDevelopmentKeyOrNoKey_isRefused() throws Exception {
        createVault("private");
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

    private static String createVault(String vault) throws Exception {
        HttpResponse<byte[]> created = send("POST", "/v1/vaults", backend.bootstrapSecret(),
                ApiJson.write(new CreateVaultRequest(vault, "laptop")));
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return ApiJson.read(created.body(), CreateVaultResponse.class).token();
    }

    private static <T> T post(String path, String token, Object body, Class<T> type) throws Exception {
        HttpResponse<byte[]> response = send("POST", path, token, ApiJson.write(body));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ApiJson.mapper().readValue(response.body(), type);
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
