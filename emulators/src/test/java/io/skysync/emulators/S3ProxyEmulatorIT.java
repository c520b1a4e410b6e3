package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

class S3ProxyEmulatorIT {
    private static final String BUCKET = "test-bucket";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static S3ProxyEmulator s3;

    @BeforeAll
    static void start() {
        s3 = S3ProxyEmulator.start(null);
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void createBucket_twice_isIdempotent() {
        s3.createBucket("twice");
        s3.createBucket("twice");

        assertThat(s3.client().listBuckets().buckets()).extracting(b -> b.name()).contains("twice");
    }

    @Test
    void putThenGet_withClient_returnsBytesAndCountsRequests() {
        s3.resetCounts();
        s3.client().putObject(b -> b.bucket(BUCKET).key("a/b.txt"), RequestBody.fromString("hello"));

        String read = s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key("a/b.txt")).asUtf8String();

        assertThat(read).isEqualTo("hello");
        assertThat(s3.requestCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("PutObject", 1L, "GetObject", 1L));
        assertThat(s3.requestCount()).isEqualTo(2);
    }

    @Test
    void presignedPut_withSignedSha256_storesBodyAndPresignedGetReturnsIt() throws Exception {
        byte[] body = "presigned body".getBytes(StandardCharsets.UTF_8);
        s3.resetCounts();

        HttpResponse<String> put = send(presignPut("p/ok", body, body.length, Duration.ofMinutes(5)), body);
        PresignedGetObjectRequest get = s3.presigner().presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(r -> r.bucket(BUCKET).key("p/ok")));
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(body);
        assertThat(s3.requestCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("PutObject", 1L, "GetObject", 1L));
    }

    @Test
    void presignedPut_bodyNotMatchingSignedSha256_isRefusedAndStoresNothing() throws Exception {
        byte[] signed = "the body that was announced".getBytes(StandardCharsets.UTF_8);
        byte[] other = "another body of same length".getBytes(StandardCharsets.UTF_8);
        assertThat(other).hasSameSizeAs(signed);

        HttpResponse<String> put = send(presignPut("p/bad", signed, signed.length, Duration.ofMinutes(5)), other);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.body()).contains("BadDigest");
        assertThat(objectExists("p/bad")).isFalse();
    }

    /** Signed with a clock ten minutes back, so no test waits for a URL to run out. */
    @Test
    void presignedPut_afterExpiry_isRefusedButCounted() throws Exception {
        byte[] body = "late".getBytes(StandardCharsets.UTF_8);
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        SdkHttpRequest expired = presignPutAt("p/late", tenMinutesAgo, Duration.ofMinutes(5));
        SdkHttpRequest stillValid = presignPutAt("p/in-time", tenMinutesAgo, Duration.ofMinutes(15));
        s3.resetCounts();

        HttpResponse<String> put = send(expired, body);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);
        assertThat(objectExists("p/late")).isFalse();
        assertThat(s3.requestCounts()).containsEntry("PutObject", 1L);
        assertThat(send(stillValid, body).statusCode()).as("the same signing time, a longer expiry").isEqualTo(200);
        assertThat(objectExists("p/in-time")).isTrue();
    }

    /** What another user of the machine can send to the loopback port: no signature, or a made-up one. */
    @Test
    void unsignedOrForgedRequests_areRefused() throws Exception {
        s3.client().putObject(b -> b.bucket(BUCKET).key("private/a"), RequestBody.fromString("private bytes"));
        String forged = "AWS4-HMAC-SHA256 Credential=anyone/20260101/us-east-1/s3/aws4_request, SignedHeaders=host,"
                + " Signature=0000";

        for (String path : List.of("/" + BUCKET + "/private/a", "/" + BUCKET + "?list-type=2", "/")) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(s3.endpoint().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(s3.endpoint().resolve(path))
                    .header("Authorization", forged).header("x-amz-date", "20260101T000000Z")
                    .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).as("anonymous GET " + path).isEqualTo(403);
            assertThat(made.statusCode()).as("forged GET " + path).isEqualTo(403);
            assertThat(anonymous.body() + made.body()).doesNotContain("private bytes").doesNotContain("private/a");
        }
    }

    @Test
    void start_withDataDir_keepsObjectsAcrossRestart(@TempDir Path dir) {
        try (S3ProxyEmulator first = S3ProxyEmulator.start(dir)) {
            first.createBucket("kept");
            first.client().putObject(b -> b.bucket("kept").key("k"), RequestBody.fromString("persisted"));
        }

        try (S3ProxyEmulator second = S3ProxyEmulator.start(dir)) {
            assertThat(second.accessKey()).isNotEqualTo("");
            assertThat(second.client().getObjectAsBytes(b -> b.bucket("kept").key("k")).asUtf8String()).isEqualTo("persisted");
        }
    }

    @Test
    void endpoint_isLoopbackOnly() throws Exception {
        assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        int port = s3.endpoint().getPort();

        assertThat(LoopbackProbe.accepts(InetAddress.getByName("127.0.0.1"), port)).isTrue();
        for (InetAddress other : LoopbackProbe.otherLocalAddresses()) {
            assertThat(LoopbackProbe.accepts(other, port)).as("connection via %s", other).isFalse();
        }
    }

    private static PresignedPutObjectRequest presignPut(String key, byte[] body, long size, Duration ttl) throws Exception {
        String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        return s3.presigner().presignPutObject(b -> b.signatureDuration(ttl)
                .putObjectRequest(r -> r.bucket(BUCKET).key(key).contentLength(size).checksumSHA256(sha256)));
    }

    /** A presigned PUT signed at {@code signedAt}: S3Presigner always signs at the present time. */
    private static SdkHttpRequest presignPutAt(String key, Instant signedAt, Duration ttl) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(s3.endpoint().resolve("/" + BUCKET + "/" + key)).build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(s3.accessKey(), s3.secretKey()))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, s3.region())
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, ttl)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
    }

    private static HttpResponse<String> send(SdkHttpRequest presigned, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(presigned.getUri()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        presigned.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a presigned PUT the way a client must: with every signed header except the ones the HTTP client sets itself. */
    private static HttpResponse<String> send(PresignedPutObjectRequest presigned, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(presigned.url().toString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                header.getValue().forEach(v -> request.header(name, v));
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean objectExists(String key) {
        try {
            s3.client().headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
