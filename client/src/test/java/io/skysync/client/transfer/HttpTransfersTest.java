package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.net.InetAddress;
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
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
        server.start(InetAddress.getByName("127.0.0.1"), 0);
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
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
        Path target = temp.resolve("t");
        transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
    }

    @Test
    void download_checksumMismatch_isRefusedAndLeavesNoFile() {
        byte[] other = "same length, other bytes".getBytes(StandardCharsets.UTF_8);
        server.enqueue(new MockResponse().setBody(new Buffer().write(other)));
        Path target = temp.resolve("t");
        assertThatThrownBy(() -> transfers.download(presigned(), target, HASH, other.length, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.CHECKSUM));
        assertThat(target).doesNotExist();
    }

    @Test
    void download_truncatedEveryTime_failsAndLeavesNoPartialFile() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setBody(new Buffer().write(BODY))
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
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
        Path target = temp.resolve("t");
        transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    private UploadDto uploadTo(String expiresAt) {
        return new UploadDto(HASH.hex(), url().toString(), "PUT", Map.of(), expiresAt);
    }

    @Test
    void download_targetThatCannotBeWritten_isALocalErrorBeforeAnyRequest() throws Exception {
        Files.writeString(temp.resolve("a-file"), "x");
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));

        assertThatThrownBy(() -> transfers.download(presigned(), temp.resolve("a-file/child"), HASH, BODY.length,
                Transfers.ByteCounter.NONE)).isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransferException.Kind.LOCAL_IO);
                    assertThat(e.getMessage()).contains("cannot write child").contains("Not a directory");
                });
        assertThat(server.getRequestCount()).as("a local error is never sent, let alone retried").isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void download_intoAReadOnlyFolder_saysPermissionDeniedWithoutRetrying() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root writes into a read-only folder; the immutable-folder test covers this as root");
        Path folder = Files.createDirectories(temp.resolve("ro"));
        folder.toFile().setWritable(false);

        assertThatThrownBy(() -> transfers.download(presigned(), folder.resolve("t"), HASH, BODY.length,
                Transfers.ByteCounter.NONE)).isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransferException.Kind.LOCAL_IO);
                    assertThat(e.getMessage()).contains("Permission denied");
                });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void upload_fileThatChangedSinceTheScan_stopsBeforeTheLastBytes_andIsNotRetried() throws Exception {
        Path file = Files.write(temp.resolve("f"), "other content, same len".getBytes(StandardCharsets.UTF_8));
        server.enqueue(new MockResponse().setResponseCode(200));

        assertThatThrownBy(() -> transfers.upload(file, Files.size(file), uploadTo(null), Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransferException.Kind.LOCAL_IO);
                    assertThat(e.getMessage()).contains("changed while it was uploaded");
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void ownCheck_onlyWhereTheRequestCarriesTheBlobsOwnSha256ForTheStore_isLeftToTheStore() {
        Map<String, String> signed = Map.of("X-Amz-Checksum-Sha256", HASH.base64(), "x-amz-sdk-checksum-algorithm", "SHA256");
        Map<String, String> otherHash = Map.of("x-amz-checksum-sha256", ContentHash.ofBytes(new byte[1]).base64());
        String url = server.url("/blob").toString();

        assertThat(HttpTransfers.ownCheck(new UploadDto(HASH.hex(), url, "PUT", signed, null))).isNull();
        assertThat(HttpTransfers.ownCheck(new UploadDto(HASH.hex(), url, "PUT", otherHash, null))).isEqualTo(HASH);
        assertThat(HttpTransfers.ownCheck(new UploadDto(HASH.hex(), url, "PUT", Map.of(), null))).isEqualTo(HASH);
    }

    @Test
    void upload_fileThatGrewWhereTheStoreChecksTheContent_isStillRefusedAsChanged() throws Exception {
        Path file = Files.write(temp.resolve("f"), (new String(BODY, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8));
        server.enqueue(new MockResponse().setResponseCode(200));
        UploadDto checked = new UploadDto(HASH.hex(), server.url("/blob").toString(), "PUT",
                Map.of("x-amz-checksum-sha256", HASH.base64()), null);

        assertThatThrownBy(() -> transfers.upload(file, BODY.length, checked, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.getMessage()).contains("grew"));
    }

    @Test
    void upload_fileThatGrew_isRefusedAsChanged() throws Exception {
        Path file = Files.write(temp.resolve("f"), (new String(BODY, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8));
        server.enqueue(new MockResponse().setResponseCode(200));

        assertThatThrownBy(() -> transfers.upload(file, BODY.length, uploadTo(null), Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.getMessage()).contains("grew"));
    }

    @Test
    void upload_missingFile_isALocalError() {
        assertThatThrownBy(() -> transfers.upload(temp.resolve("gone"), BODY.length, uploadTo(null), Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransferException.Kind.LOCAL_IO);
                    assertThat(e.getMessage()).contains("removed");
                });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void upload_azureCreateOnlyUrlForABlobStoredMeanwhile_isDone() throws Exception {
        Path file = Files.write(temp.resolve("f"), BODY);
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("x-ms-error-code", "AuthorizationPermissionMismatch")
                .setBody("<Error><Code>AuthorizationPermissionMismatch</Code></Error>"));

        transfers.upload(file, BODY.length, uploadTo("2099-01-01T00:00:00Z"), Transfers.ByteCounter.NONE);

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void upload_azureAuthorizationFailurePastTheUrlsExpiry_isExpired() throws Exception {
        Path file = Files.write(temp.resolve("f"), BODY);
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("x-ms-error-code", "AuthorizationFailure")
                .setBody("<Error><Code>AuthorizationFailure</Code><Message>Server failed to authenticate</Message></Error>"));

        assertThatThrownBy(() -> transfers.upload(file, BODY.length, uploadTo("2020-01-01T00:00:00Z"), Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.EXPIRED));
    }

    @Test
    void download_cutOffOnceInTheBody_startsAgainAndSucceeds() throws Exception {
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY))
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY)));
        Path target = temp.resolve("t");

        transfers.download(presigned(), target, HASH, BODY.length, Transfers.ByteCounter.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(BODY);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void download_moreBytesThanExpected_isRefusedAsNotTheContent() {
        server.enqueue(new MockResponse().setBody(new Buffer().write(BODY).writeUtf8("and more")));

        assertThatThrownBy(() -> transfers.download(presigned(), temp.resolve("t"), HASH, BODY.length, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.CHECKSUM));
        assertThat(temp.resolve("t")).doesNotExist();
    }

    @Test
    void download_blobGone_isMissingNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("<Error><Code>NoSuchKey</Code></Error>"));

        assertThatThrownBy(() -> transfers.download(presigned(), temp.resolve("t"), HASH, BODY.length, Transfers.ByteCounter.NONE))
                .isInstanceOfSatisfying(TransferException.class, e -> assertThat(e.kind()).isEqualTo(TransferException.Kind.MISSING));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
