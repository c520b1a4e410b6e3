package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.ApiJson;
import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitStatus;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.domain.ContentHash;
import io.skysync.spi.LocalBackend;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every local backend must do over real HTTP on 127.0.0.1, as the client drives it: one
 * contract, run by {@code LocalAwsBackendIT} (the Lambda handler over DynamoDB Local and
 * S3Proxy) and {@code LocalAzureBackendIT} (the Azure function over Azurite). A subclass starts
 * its backend once for the class and says where its storage answers.
 */
public abstract class LocalBackendContract {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The running backend of this flavour. */
    protected abstract LocalBackend backend();

    /** Where this flavour's presigned URLs point (S3Proxy's or Azurite's blob endpoint). */
    protected abstract URI storage();

    /** The flavour's name, as the service loader knows it. */
    protected abstract String flavour();

    /** How many {@code GET /changes?wait=} requests the backend holds right now. */
    protected abstract int waitingRequests();

    private String vault() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String createVault(String vault) {
        return VaultSetup.overHttp(backend().endpoint()).createVault(backend().bootstrapSecret(), vault, "laptop");
    }

    @Test
    void roundTrip_uploadUrlsUploadCommitChangesDownload_bytesComeBackExactly() throws Exception {
        String vault = vault();
        String token = createVault(vault);
        byte[] content = "hello from the local backend\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        String path = "docs/a b#1.txt";

        UploadUrlsResponse urls = post("/v1/vaults/" + vault + "/upload-urls", token,
                new UploadUrlsRequest(List.of(new UploadUrlsRequest.BlobRef(hash, (long) content.length))), UploadUrlsResponse.class);
        UploadDto upload = urls.uploads().get(0);
        assertThat(upload.url()).startsWith(storage().toString());
        assertThat(put(upload, content)).isBetween(200, 201);
        CommitResponse commit = post("/v1/vaults/" + vault + "/commit", token, new CommitRequest(List.of(
                new CommitEntryDto(path, 0L, hash, (long) content.length, 1_700_000_000_000L, false))), CommitResponse.class);
        ChangesResponse changes = ApiJson.read(send("GET", "/v1/vaults/" + vault + "/changes?since=0", token, null).body(),
                ChangesResponse.class);
        DownloadUrlsResponse download = post("/v1/vaults/" + vault + "/download-urls", token,
                new DownloadUrlsRequest(List.of(new DownloadUrlsRequest.FileRef(path, null))), DownloadUrlsResponse.class);
        HttpResponse<byte[]> bytes = HTTP.send(HttpRequest.newBuilder(URI.create(download.urls().get(0).url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(commit.results()).extracting(r -> r.status()).containsExactly(CommitStatus.COMMITTED);
        assertThat(changes.entries()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.hash()).isEqualTo(hash);
        });
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(content);
        assertThat(post("/v1/vaults/" + vault + "/upload-urls", token, new UploadUrlsRequest(List.of(
                new UploadUrlsRequest.BlobRef(hash, (long) content.length))), UploadUrlsResponse.class).uploads())
                .as("a stored blob is never asked for again").isEmpty();
    }

    @Test
    void commit_blobNeverUploaded_isMissingBlobAndWritesNothing() throws Exception {
        String vault = vault();
        String token = createVault(vault);
        String hash = ContentHash.ofBytes(new byte[] {7}).hex();

        CommitResponse commit = post("/v1/vaults/" + vault + "/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("x.bin", 0L, hash, 1L, 1L, false))), CommitResponse.class);

        assertThat(commit.results()).extracting(r -> r.status()).containsExactly(CommitStatus.MISSING_BLOB);
        assertThat(new String(send("GET", "/v1/vaults/" + vault + "/changes?since=0", token, null).body(),
                StandardCharsets.UTF_8)).contains("\"entries\":[]");
    }

    @Test
    void changes_withWait_answersOverHttpWhenTheNextCommitLands() throws Exception {
        String vault = vault();
        String token = createVault(vault);
        CompletableFuture<HttpResponse<byte[]>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return send("GET", "/v1/vaults/" + vault + "/changes?since=0&wait=30", token, null);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waitingRequests() == 0) {
            assertThat(System.nanoTime()).as("the request waits on the server").isLessThan(deadline);
            Thread.sleep(5);
        }
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        UploadDto upload = post("/v1/vaults/" + vault + "/upload-urls", token, new UploadUrlsRequest(List.of(
                new UploadUrlsRequest.BlobRef(hash, 1L))), UploadUrlsResponse.class).uploads().get(0);
        assertThat(put(upload, content)).isBetween(200, 201);
        post("/v1/vaults/" + vault + "/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("a.txt", 0L, hash, 1L, 1L, false))), CommitResponse.class);

        ChangesResponse changes = ApiJson.read(waiting.get(20, TimeUnit.SECONDS).body(), ChangesResponse.class);
        assertThat(changes.entries()).extracting(e -> e.path()).containsExactly("a.txt");
        assertThat(changes.waitSeconds()).isEqualTo(30);
    }

    @Test
    void createVault_withoutTheBootstrapSecret_isRefused() throws Exception {
        HttpResponse<byte[]> answer = send("POST", "/v1/vaults", "not-the-secret",
                ApiJson.write(new CreateVaultRequest("nope", "laptop")));

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void unknownRouteAndMethod_getTheRoutersJsonErrors() throws Exception {
        HttpResponse<byte[]> unknown = send("GET", "/nothing/here", null, null);
        HttpResponse<byte[]> wrongMethod = send("DELETE", "/v1/health", null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"not_found\"");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void provider_isFoundByTheServiceLoader() {
        assertThat(LocalBackend.provider(flavour()).flavour()).isEqualTo(flavour());
    }

    private static int put(UploadDto upload, byte[] content) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url()))
                .method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(content));
        upload.headers().forEach((name, value) -> {
            // The HTTP client sets these itself, from the URL and the body.
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                put.header(name, value);
            }
        });
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private <T> T post(String path, String token, Object body, Class<T> type) throws Exception {
        HttpResponse<byte[]> response = send("POST", path, token, ApiJson.write(body));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ApiJson.mapper().readValue(response.body(), type);
    }

    private HttpResponse<byte[]> send(String method, String path, String token, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend().endpoint().resolve(path))
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
