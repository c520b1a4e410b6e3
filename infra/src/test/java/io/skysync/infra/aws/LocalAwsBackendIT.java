package io.skysync.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.skysync.infra.DataFolder;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.LocalInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend driven over real HTTP on 127.0.0.1, as the client drives it. */
class LocalAwsBackendIT {
    @TempDir
    static Path dataDir;
    private static LocalAwsBackend backend;
    private static HttpApi api;

    @BeforeAll
    static void start() {
        backend = LocalAwsBackend.start(dataDir, 0);
        api = new HttpApi(backend.endpoint());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void sync_planUploadCommitChangesDownload_roundTripsBytesExactly() throws Exception {
        String token = createVault("round-trip");
        byte[] content = "hello from the local backend\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        String hash = sha256(content);

        PlanResponse plan = api.post("/v1/vaults/round-trip/plan", token,
                new PlanRequest(0L, List.of(new LocalChangeDto("docs/a.txt", 0L, hash, (long) content.length, false)))).as(PlanResponse.class);
        assertThat(plan.uploads()).extracting(UploadDto::hash).containsExactly(hash);
        UploadDto upload = plan.uploads().get(0);
        assertThat(upload.url()).startsWith(backend.s3().endpoint().toString());
        assertThat(HttpApi.put(upload.url(), upload.headers(), content).status()).isEqualTo(200);

        CommitResponse commit = api.post("/v1/vaults/round-trip/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("docs/a.txt", 0L, hash, (long) content.length, 1_700_000_000_000L, false)))).as(CommitResponse.class);
        assertThat(commit.results()).extracting(CommitResultDto::status).containsExactly(CommitResultDto.COMMITTED);

        ChangesResponse changes = api.get("/v1/vaults/round-trip/changes?since=0", token).as(ChangesResponse.class);
        assertThat(changes.entries()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("docs/a.txt");
            assertThat(e.hash()).isEqualTo(hash);
        });

        DownloadUrlsResponse urls = api.post("/v1/vaults/round-trip/download-urls", token,
                new DownloadUrlsRequest(List.of(new DownloadUrlsRequest.FileRef("docs/a.txt", null)))).as(DownloadUrlsResponse.class);
        HttpApi.Answer download = HttpApi.download(urls.urls().get(0).url());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void counters_onePlanCall_countOneInvocationAndAConstantNumberOfStoreRequests() throws Exception {
        String token = createVault("counted");
        PlanRequest plan = new PlanRequest(0L, List.of(new LocalChangeDto("f.txt", 0L, sha256(new byte[] {1}), 1L, false)));

        backend.resetCounters();
        assertThat(api.post("/v1/vaults/counted/plan", token, plan).status()).isEqualTo(200);
        Map<String, Long> first = backend.counters();
        backend.resetCounters();
        assertThat(api.post("/v1/vaults/counted/plan", token, plan).status()).isEqualTo(200);
        Map<String, Long> second = backend.counters();

        assertThat(first).containsEntry("function.invocations", 1L)
                .containsEntry("function.invocations[POST /v1/vaults/{vault}/plan]", 1L);
        assertThat(first.get("dynamodb.operations")).isBetween(1L, 10L);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void changes_withWait_answersOverHttpWhenTheNextCommitLands() throws Exception {
        String token = createVault("long-poll");
        CompletableFuture<HttpApi.Answer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("/v1/vaults/long-poll/changes?since=0&wait=30", token);
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
        PlanResponse plan = api.post("/v1/vaults/long-poll/plan", token, new PlanRequest(0L,
                List.of(new LocalChangeDto("a.txt", 0L, sha256(content), 1L, false)))).as(PlanResponse.class);
        HttpApi.put(plan.uploads().get(0).url(), plan.uploads().get(0).headers(), content);
        api.post("/v1/vaults/long-poll/commit", token, new CommitRequest(List.of(
                new CommitEntryDto("a.txt", 0L, sha256(content), 1L, 1L, false))));

        ChangesResponse changes = waiting.get(20, TimeUnit.SECONDS).as(ChangesResponse.class);
        assertThat(changes.entries()).extracting(e -> e.path()).containsExactly("a.txt");
        assertThat(changes.waitSeconds()).isEqualTo(30);
    }

    @Test
    void countersEndpoint_withTheCountersKey_servesTheSameCountsAsJson() throws Exception {
        String key = LocalInstance.countersKey(backend.instanceSecret());
        api.post("/_local/counters/reset", key, Map.of());
        api.get("/v1/health", null);

        HttpApi.Answer answer = api.get("/_local/counters", key);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).contains("\"function.invocations[GET /v1/health]\":1");
    }

    /** Another user of the machine can reach the port: it must not see when devices sync, nor reset the figures. */
    @Test
    void countersEndpoints_withoutTheInstanceKey_areRefusedAndResetNothing() throws Exception {
        api.get("/v1/health", null);

        HttpApi.Answer read = api.get("/_local/counters", null);
        HttpApi.Answer guessed = api.get("/_local/counters", "guess");
        HttpApi.Answer reset = api.post("/_local/counters/reset", null, Map.of());

        assertThat(List.of(read.status(), guessed.status(), reset.status())).containsOnly(401);
        assertThat(read.text() + guessed.text() + reset.text()).doesNotContain("function.invocations");
        assertThat(backend.counters().get("function.invocations")).isPositive();
    }

    @Test
    void hostileRequest_malformedJson_isA400AndWritesNothing() throws Exception {
        String token = createVault("hostile");
        backend.resetCounters();

        HttpApi.Answer answer = api.postRaw("/v1/vaults/hostile/commit", token, "application/json",
                "{\"entries\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("malformed_json");
        assertThat(backend.counters()).doesNotContainKey("dynamodb.operations[TransactWriteItems]")
                .doesNotContainKey("dynamodb.operations[PutItem]");
    }

    @Test
    void createVault_withoutBootstrapSecret_isRefused() throws Exception {
        HttpApi.Answer answer = api.post("/v1/vaults", "not-the-secret", new CreateVaultRequest("nope", "laptop"));

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void start_onADataFolderInUse_failsWithAClearMessage() {
        assertThatThrownBy(() -> LocalAwsBackend.start(dataDir, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another skysync backend")
                .hasMessageContaining(backend.endpoint().toString());
    }

    @Test
    void dataFolder_recordsEndpointAndKeepsTheSecretsPrivate() throws Exception {
        assertThat(DataFolder.readEndpoint(dataDir)).contains(backend.endpoint());
        Path secret = dataDir.resolve(DataFolder.BOOTSTRAP_SECRET);
        Path instance = dataDir.resolve(DataFolder.INSTANCE_SECRET);
        assertThat(Files.readString(secret).strip()).isEqualTo(backend.bootstrapSecret());
        assertThat(Files.readString(instance).strip()).isEqualTo(backend.instanceSecret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instance))).isEqualTo("rw-------");
    }

    @Test
    void provider_isFoundByServiceLoaderAsAws() {
        assertThat(LocalBackend.provider("aws")).isInstanceOf(LocalAwsBackendProvider.class);
    }

    @Test
    void endpoints_acceptConnectionsOnLoopbackOnly() throws Exception {
        for (int port : new int[] {backend.endpoint().getPort(), backend.s3().endpoint().getPort(), backend.dynamoDb().endpoint().getPort()}) {
            assertThat(accepts("127.0.0.1", port)).isTrue();
            assertThat(accepts("127.0.0.2", port)).as("port %d via 127.0.0.2", port).isFalse();
        }
    }

    private static String createVault(String vault) throws Exception {
        HttpApi.Answer answer = api.post("/v1/vaults", backend.bootstrapSecret(), new CreateVaultRequest(vault, "laptop"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.as(CreateVaultResponse.class).token();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
