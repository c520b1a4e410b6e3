package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransfersTest {
    private static final byte[] BODY = "the content of a file".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(BODY);

    @TempDir
    Path temp;
    MockWebServer server;
    List<Duration> waits = new ArrayList<>();
    HttpTransfers transfers;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        transfers = new HttpTransfers(new OkHttpClient(), new Backoff(4, Duration.ofMillis(100), Duration.ofSeconds(2),
                new Random(3), waits::add));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private URI url() {
        return server.url("/blob").uri();
    }

    private Transfers.Presigned presigned() {
        return new Transfers.Presigned(url(), null);
    }

    @Test
    void upload_sendsExactHeadersAndStreamsTheFile() throws Exception {
        Path file = Files.write(temp.resolve("f"), BODY);
        server.enqueue(new MockResponse().setResponseCode(200));
        transfers.upload(file, BODY.length, new UploadDto(HASH.hex(), url().toString(), "PUT",
                Map.of("x-amz-checksum-sha256", HASH.base64()), "2099-01-01T00:00:00Z"), Transfers.ByteCounter.NONE);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getHeader("x-amz-checksum-sha256")).isEqualTo(HASH.base64());
        assertThat(request.getHeader("Content-Type")).isNull();
        assertThat(request.getBody().readByteArray()).isEqualTo(BODY);
    }

    @Test
    void upload_on500And429AndDroppedConnection_retriesWithBackoff() throws Exception {
        Path file = Files.write(temp.resolve("f"), BODY);
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        server.enqueue(new MockResponse().setResponseCode(200));
        transfers.upload(file, BODY.length, new UploadDto(HASH.hex(), url().toString(), "PUT", Map.of(), null),
                Transfers.ByteCounter.NONE);
        assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(3);
        assertThat(waits).hasSizeGreaterThanOrEqualTo(2);
        assertThat(waits).anyMatch(d -> d.toMillis() >= 1000);
    }

    @Test
    void upload_expiredUrl_reportsExpiredWithoutRetrying() throws Exception {
        Path file = Files.write(temp.resolve("f"), BODY);
        server.enqueue(new MockResponse().setResponseCode(403)
                .setBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"));
        assertThatThrownBy(() -> transfers.upload(file, BODY.length,
                new UploadDto(HASH.hex(), url().toString(), "PUT", Map.of(), null), Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.EXPIRED));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void download_verifiesHash() throws Exception {
        server.enqueue(new MockResponse().setBody(new okio.Buffer().write(BODY)));
        Path target = temp.resolve("t");
        transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
    }

    @Test
    void download_checksumMismatch_isRefusedAndLeavesNoFile() {
        byte[] other = "same length, other bytes".getBytes(StandardCharsets.UTF_8);
        server.enqueue(new MockResponse().setBody(new okio.Buffer().write(other)));
        Path target = temp.resolve("t");
        assertThatThrownBy(() -> transfers.download(presigned(), target, HASH, other.length, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.CHECKSUM));
        assertThat(target).doesNotExist();
    }

    @Test
    void download_truncatedEveryTime_failsAndLeavesNoPartialFile() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setBody(new okio.Buffer().write(BODY))
                    .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        }
        Path target = temp.resolve("t");
        assertThatThrownBy(() -> transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE))
                .isInstanceOf(TransferException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void download_503ThenOk_succeeds() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody(new okio.Buffer().write(BODY)));
        Path target = temp.resolve("t");
        transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
