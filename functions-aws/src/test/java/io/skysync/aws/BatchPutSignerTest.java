package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A batch's URLs are exactly the presigner's own, byte for byte, for the shapes the function
 * meets: a local path-style endpoint, AWS's virtual-hosted one with a Lambda's session
 * credentials, and both integrity modes. No request is sent (signing is local).
 */
class BatchPutSignerTest {
    private static final VaultId VAULT = new VaultId("v-batch");
    private static final Duration TTL = Duration.ofMinutes(15);

    static Stream<Arguments> shapes() {
        AwsCredentialsProvider basic = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret"));
        AwsCredentialsProvider session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIALAMBDA", "lambda-secret", "the/session+token="));
        S3Presigner local = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(basic)
                .endpointOverride(URI.create("http://127.0.0.1:9000"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        S3Presigner aws = S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(session).build();
        return Stream.of(
                Arguments.of("local, signed SHA-256", local, basic, UploadIntegrity.SIGNED_SHA256),
                Arguments.of("local, Content-MD5", local, basic, UploadIntegrity.CONTENT_MD5),
                Arguments.of("AWS, session credentials", aws, session, UploadIntegrity.SIGNED_SHA256));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void presignPuts_manyBlobs_areTheTicketsThePresignerIssuesOneByOne(String name, S3Presigner presigner,
                                                                         AwsCredentialsProvider credentials,
                                                                         UploadIntegrity integrity) {
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials).build();
        S3BlobStore batched = new S3BlobStore(s3, presigner, credentials, "bkt", integrity);
        S3BlobStore single = new S3BlobStore(s3, presigner, "bkt", integrity);
        Map<ContentHash, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            sizes.put(ContentHash.ofBytes(("blob " + i).getBytes(StandardCharsets.UTF_8)), 100L + 4096L * i);
        }

        // Signed within the same second, the two ways must give the same URLs; retry across a second's edge.
        Map<ContentHash, UploadTicket> fromBatch = Map.of();
        Map<ContentHash, UploadTicket> oneByOne = Map.of();
        for (int attempt = 0; attempt < 5 && !sameSecond(fromBatch, oneByOne); attempt++) {
            fromBatch = batched.presignPuts(VAULT, sizes, TTL);
            oneByOne = single.presignPuts(VAULT, sizes, TTL);
        }

        assertThat(sameSecond(fromBatch, oneByOne)).as("signed within one second").isTrue();
        assertThat(List.copyOf(fromBatch.keySet())).isEqualTo(List.copyOf(sizes.keySet()));
        assertThat(urlsAndHeaders(fromBatch)).isEqualTo(urlsAndHeaders(oneByOne));
        // One signing time for the batch: every URL expires with the first, never after its own would.
        Map<ContentHash, UploadTicket> separately = oneByOne;
        Instant first = fromBatch.values().iterator().next().expiresAt();
        fromBatch.forEach((hash, ticket) -> assertThat(ticket.expiresAt()).isEqualTo(first)
                .isBeforeOrEqualTo(separately.get(hash).expiresAt()));
        if (integrity == UploadIntegrity.SIGNED_SHA256) {
            Map<ContentHash, UploadTicket> tickets = fromBatch;
            sizes.keySet().forEach(hash -> assertThat(tickets.get(hash).headers())
                    .containsEntry("x-amz-checksum-sha256", hash.base64()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void batch_ofThePresignersPut_isOpened(String name, S3Presigner presigner, AwsCredentialsProvider credentials,
                                           UploadIntegrity integrity) {
        ContentHash hash = ContentHash.ofBytes("first".getBytes(StandardCharsets.UTF_8));
        var first = presigner.presignPutObject(b -> b.signatureDuration(TTL).putObjectRequest(p -> {
            p.bucket("bkt").key(S3BlobStore.key(VAULT, hash)).contentLength(5L);
            if (integrity == UploadIntegrity.SIGNED_SHA256) {
                p.checksumAlgorithm("SHA256").checksumSHA256(hash.base64());
            }
        }));

        assertThat(new BatchPutSigner(credentials).batch(first, hash, TTL)).isPresent();
        AwsCredentialsProvider other = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOTHER", "s"));
        assertThat(new BatchPutSigner(other).batch(first, hash, TTL)).as("credentials that changed: no batch").isEmpty();
        ContentHash another = ContentHash.ofBytes("another".getBytes(StandardCharsets.UTF_8));
        assertThat(new BatchPutSigner(credentials).batch(first, another, TTL)).as("a path of another hash").isEqualTo(Optional.empty());
    }

    private static Map<ContentHash, List<Object>> urlsAndHeaders(Map<ContentHash, UploadTicket> tickets) {
        Map<ContentHash, List<Object>> seen = new LinkedHashMap<>();
        tickets.forEach((hash, ticket) -> seen.put(hash, List.of(ticket.url(), ticket.method(), ticket.headers())));
        return seen;
    }

    private static boolean sameSecond(Map<ContentHash, UploadTicket> a, Map<ContentHash, UploadTicket> b) {
        return !a.isEmpty() && Stream.concat(a.values().stream(), b.values().stream()).map(BatchPutSignerTest::amzDate)
                .distinct().count() == 1;
    }

    private static String amzDate(UploadTicket ticket) {
        return ticket.url().getRawQuery().replaceAll(".*X-Amz-Date=([^&]*).*", "$1");
    }
}
