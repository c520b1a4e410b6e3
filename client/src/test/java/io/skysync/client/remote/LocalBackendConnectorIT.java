package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.config.UserError;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.LocalInstance;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which server a command trusts with the bootstrap secret and device tokens, when the data folder
 * names one in its {@code endpoint} file: a stale file (after {@code kill -9}) names a port that
 * any local user may bind next. The hostile server here answers everything as a backend would.
 */
class LocalBackendConnectorIT {
    private static final OkHttpClient HTTP = new OkHttpClient();
    @TempDir
    Path data;
    private MockWebServer hostile;
    private final List<RecordedRequest> seen = new ArrayList<>();

    @BeforeEach
    void startHostileServer() throws IOException {
        hostile = new MockWebServer();
        answer(nonce -> "{\"status\":\"ok\",\"proof\":\"made-up\"}");
        hostile.start();
    }

    @AfterEach
    void stop() throws IOException {
        hostile.shutdown();
    }

    @Test
    void connect_staleEndpointAndNoBackendHoldingTheLock_neverTalksToThePortAndStartsItsOwn() throws Exception {
        leaveCrashedBackendFiles(URI.create(hostile.url("/").toString()));

        try (LocalBackendConnector.Connection connection = LocalBackendConnector.connect(data, HTTP)) {
            assertThat(connection.owned()).as("started its own backend").isNotNull();
            assertThat(connection.endpoint().getPort()).isNotEqualTo(hostile.getPort());
        }
        assertThat(hostile.getRequestCount()).isZero();
    }

    @Test
    @SuppressWarnings("try") // the resource is held, not used
    void connect_lockHeldButTheServerCannotProveItKnowsTheSecret_refusesAndSentOnlyTheChallenge() throws Exception {
        leaveCrashedBackendFiles(URI.create(hostile.url("/").toString()));

        try (FileChannel lock = FileChannel.open(data.resolve("lock"), StandardOpenOption.WRITE);
             var held = lock.lock()) {
            assertThatThrownBy(() -> LocalBackendConnector.connect(data, HTTP, Duration.ZERO, Duration.ofMillis(200)))
                    .isInstanceOf(UserError.class).hasMessageContaining("cannot prove").hasMessageContaining("nothing was sent");
        }
        RecordedRequest challenge = hostile.takeRequest(1, TimeUnit.SECONDS);
        assertThat(challenge).isNotNull();
        assertThat(challenge.getPath()).startsWith(LocalInstance.IDENTITY_PATH + "?nonce=");
        assertThat(challenge.getHeader("Authorization")).isNull();
        assertThat(challenge.getBody().size()).isZero();
        assertThat(hostile.getRequestCount()).isEqualTo(1);
    }

    /** A relay forwards the nonce to the real backend, which signs its own endpoint, not the relay's. */
    @Test
    void connect_aRelayOfTheRealBackendsAnswer_isRefused() throws Exception {
        try (LocalBackend real = LocalBackend.provider("aws").start(data, 0)) {
            String secret = Files.readString(data.resolve(LocalInstance.FILE)).strip();
            answer(nonce -> "{\"proof\":\"" + LocalInstance.proof(secret, real.endpoint(), nonce) + "\"}");
            Files.writeString(data.resolve("endpoint"), hostile.url("/").toString().replaceAll("/$", "") + "\n");

            assertThatThrownBy(() -> LocalBackendConnector.connect(data, HTTP, Duration.ZERO, Duration.ofMillis(200)))
                    .isInstanceOf(UserError.class).hasMessageContaining("cannot prove");
        }
    }

    @Test
    void connect_aRunningServe_isReusedAfterItsProof() {
        try (LocalBackend real = LocalBackend.provider("aws").start(data, 0);
             LocalBackendConnector.Connection connection = LocalBackendConnector.connect(data, HTTP)) {
            assertThat(connection.owned()).isNull();
            assertThat(connection.endpoint()).isEqualTo(real.endpoint());
            assertThat(connection.bootstrapSecret()).isEqualTo(real.bootstrapSecret());
        }
    }

    @Test
    void connect_dataFolderWritableByOthers_isRefusedBeforeReadingIt() throws Exception {
        leaveCrashedBackendFiles(URI.create(hostile.url("/").toString()));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> LocalBackendConnector.connect(data, HTTP)).isInstanceOf(UserError.class)
                .hasMessageContaining("writable by other users");
        assertThat(hostile.getRequestCount()).isZero();
    }

    /** What {@code kill -9} of {@code skysync serve} leaves: the lock file (not locked), the secrets and the endpoint. */
    private void leaveCrashedBackendFiles(URI endpoint) throws IOException {
        Files.createDirectories(data.resolve("dynamodb"));
        Files.writeString(data.resolve("lock"), "");
        Files.writeString(data.resolve("bootstrap-secret"), "the-bootstrap-secret\n");
        Files.writeString(data.resolve(LocalInstance.FILE), LocalInstance.newSecret() + "\n");
        Files.writeString(data.resolve("endpoint"), endpoint.toString().replaceAll("/$", "") + "\n");
    }

    private void answer(Function<String, String> body) {
        hostile.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                seen.add(request);
                String nonce = request.getRequestUrl() == null ? null : request.getRequestUrl().queryParameter("nonce");
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody(body.apply(nonce));
            }
        });
    }
}
