package io.skysync.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.infra.DataFolder;
import io.skysync.infra.LocalBackendContract;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.LocalInstance;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS local backend (the Lambda handler over DynamoDB Local and S3Proxy) under the local
 * backends' one contract, and what only this flavour has: its counters, its data folder, its ports.
 */
class LocalAwsBackendIT extends LocalBackendContract {
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

    @Override
    protected LocalBackend backend() {
        return backend;
    }

    @Override
    protected URI storage() {
        return backend.s3().endpoint();
    }

    @Override
    protected String flavour() {
        return "aws";
    }

    @Override
    protected int waitingRequests() {
        return backend.waitingRequests();
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
    void provider_isThisFlavoursClass() {
        assertThat(LocalBackend.provider("aws")).isInstanceOf(LocalAwsBackendProvider.class);
    }

    @Test
    void endpoints_acceptConnectionsOnLoopbackOnly() throws Exception {
        for (int port : new int[] {backend.endpoint().getPort(), backend.s3().endpoint().getPort(), backend.dynamoDb().endpoint().getPort()}) {
            assertThat(accepts("127.0.0.1", port)).isTrue();
            assertThat(accepts("127.0.0.2", port)).as("port %d via 127.0.0.2", port).isFalse();
        }
    }

    private static String createVault(String vault) {
        return VaultSetup.overHttp(backend.endpoint()).createVault(backend.bootstrapSecret(), vault, "laptop");
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
