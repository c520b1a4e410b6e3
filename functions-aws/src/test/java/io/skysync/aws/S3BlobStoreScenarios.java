package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.DownloadTicket;
import io.skysync.service.UploadTicket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Presigned URL round trips through plain HTTP, against whatever {@link #target()} is. Each test
 * works in a vault of its own, so one bucket serves the class.
 */
abstract class S3BlobStoreScenarios {
    @RegisterExtension
    final ClassTarget classTarget = new ClassTarget(this::openTarget);
    private VaultId vault;
    private S3BlobStore store;

    /** {@link AwsTarget#emulators()}, or {@link AwsTarget#endpointIfSet()} (null when it is not set). */
    abstract AwsTarget openTarget();

    protected final AwsTarget target() {
        return classTarget.get();
    }

    @BeforeEach
    void setUp() {
        vault = new VaultId(AwsTarget.uniqueName("blobs"));
        store = new S3BlobStore(target().s3(), target().presigner(), target().bucket);
    }

    @Test
    void sizes_manyAmongManyWithSmallPages_areFoundByListingPrefixesAcrossPages() {
        S3BlobStore small = new S3BlobStore(target().s3(), target().presigner(), target().bucket,
                UploadIntegrity.SIGNED_SHA256, 7);
        Map<ContentHash, Long> expected = new HashMap<>();
        List<ContentHash> wanted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] body = ("blob " + i).repeat(1 + i % 3).getBytes(StandardCharsets.UTF_8);
            ContentHash hash = ContentHash.ofBytes(body);
            target().s3().putObject(b -> b.bucket(target().bucket).key(S3BlobStore.key(vault, hash)),
                    RequestBody.fromBytes(body));
            if (i % 2 == 0) {
                wanted.add(hash);
                expected.put(hash, (long) body.length);
            }
            wanted.add(ContentHash.ofBytes(("absent " + i).getBytes(StandardCharsets.UTF_8)));
        }
        target().s3().putObject(b -> b.bucket(target().bucket).key("vaults/" + vault.value() + "/blobs/not-a-hash"),
                RequestBody.fromString("stray"));

        assertThat(small.sizes(vault, wanted)).isEqualTo(expected);
        assertThat(small.sizes(new VaultId(vault.value() + "y"), wanted)).isEmpty();
        assertThat(small.sizes(vault, wanted.subList(0, 3))).as("a few, looked up")
                .isEqualTo(Map.of(wanted.get(0), expected.get(wanted.get(0))));
    }

    @Test
    void presignPut_correctBody_isStoredAndPresignGetReturnsTheBytes() {
        byte[] content = "the quick brown fox\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);

        UploadTicket ticket = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        RawHttp.Response put = RawHttp.put(ticket.url(), ticket.headers(), content);

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(ticket.method()).isEqualTo("PUT");
        assertThat(ticket.headers()).containsEntry("x-amz-checksum-sha256", hash.base64())
                .containsEntry("x-amz-sdk-checksum-algorithm", "SHA256")
                .doesNotContainKeys("host", "Host", "content-length", "Content-Length");
        assertThat(store.size(vault, hash)).isEqualTo(OptionalLong.of(content.length));
        DownloadTicket download = store.presignGet(vault, hash, Duration.ofMinutes(15));
        RawHttp.Response get = RawHttp.get(download.url());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(target().bucketSnapshot()).contains(S3BlobStore.key(vault, hash) + " " + content.length);
    }

    @Test
    void presignPut_otherBodyOfTheSameLength_isRefusedWithBadDigestAndNothingStored() {
        byte[] content = "expected content".getBytes(StandardCharsets.UTF_8);
        byte[] forged = "EXPECTED CONTENT".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);
        List<String> before = target().bucketSnapshot();

        UploadTicket ticket = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        RawHttp.Response put = RawHttp.put(ticket.url(), ticket.headers(), forged);

        assertThat(put.status()).isEqualTo(400);
        assertThat(put.text()).contains("BadDigest");
        assertThat(store.size(vault, hash)).isEmpty();
        assertThat(target().bucketSnapshot()).isEqualTo(before);
    }

    /** The batch's later URLs are signed without the presigner ({@link BatchPutSigner}): the store must take them as its own. */
    @Test
    void presignPuts_aBatch_storesEachRightBodyAndRefusesAForgedOne() {
        S3BlobStore batched = new S3BlobStore(target().s3(), target().presigner(), target().credentials(), target().bucket,
                UploadIntegrity.SIGNED_SHA256);
        Map<ContentHash, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            byte[] body = ("batch body " + i).repeat(10 + i).getBytes(StandardCharsets.UTF_8);
            bodies.put(ContentHash.ofBytes(body), body);
        }
        Map<ContentHash, Long> sizes = new LinkedHashMap<>();
        bodies.forEach((hash, body) -> sizes.put(hash, (long) body.length));

        Map<ContentHash, UploadTicket> tickets = batched.presignPuts(vault, sizes, Duration.ofMinutes(15));
        List<ContentHash> hashes = List.copyOf(bodies.keySet());
        byte[] last = bodies.get(hashes.get(3));
        byte[] forged = last.clone();
        forged[0] ^= 1;
        RawHttp.Response refused = RawHttp.put(tickets.get(hashes.get(3)).url(), tickets.get(hashes.get(3)).headers(), forged);
        for (ContentHash hash : hashes) {
            RawHttp.Response put = RawHttp.put(tickets.get(hash).url(), tickets.get(hash).headers(), bodies.get(hash));
            assertThat(put.status()).as(put.text()).isEqualTo(200);
        }

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("BadDigest");
        assertThat(batched.sizes(vault, hashes)).isEqualTo(sizes);
    }

    @Test
    void presignPut_bodyOfAnotherLength_isRefusedAndNothingStored() {
        byte[] content = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);
        List<String> before = target().bucketSnapshot();

        UploadTicket ticket = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        RawHttp.Response put = RawHttp.put(ticket.url(), ticket.headers(), "eleven byte".getBytes(StandardCharsets.UTF_8));

        assertThat(put.status()).isBetween(400, 403);
        assertThat(store.size(vault, hash)).isEmpty();
        assertThat(target().bucketSnapshot()).isEqualTo(before);
    }

    @Test
    void presignPut_withoutTheSignedChecksumHeaders_isRefused() {
        byte[] content = "headers matter".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);

        UploadTicket ticket = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        RawHttp.Response put = RawHttp.put(ticket.url(), Map.of(), content);

        assertThat(put.status()).isEqualTo(403);
        assertThat(store.size(vault, hash)).isEmpty();
    }

    @Test
    void presignedUrls_afterExpiry_areRefused() throws InterruptedException {
        byte[] content = "short-lived".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);
        UploadTicket put = store.presignPut(vault, hash, content.length, Duration.ofSeconds(1));
        DownloadTicket get = store.presignGet(vault, hash, Duration.ofSeconds(1));
        UploadTicket fresh = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        assertThat(RawHttp.put(fresh.url(), fresh.headers(), content).status()).isEqualTo(200);

        Thread.sleep(2_500);

        RawHttp.Response expiredPut = RawHttp.put(put.url(), put.headers(), content);
        RawHttp.Response expiredGet = RawHttp.get(get.url());
        assertThat(expiredPut.status()).as(expiredPut.text()).isEqualTo(403);
        assertThat(expiredGet.status()).as(expiredGet.text()).isEqualTo(403);
        assertThat(put.expiresAt()).isBefore(fresh.expiresAt());
    }

    @Test
    void size_absentBlob_isEmptyAndSizesLeavesItOut() {
        byte[] a = "blob a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "blob bb".getBytes(StandardCharsets.UTF_8);
        ContentHash absent = ContentHash.ofBytes("never uploaded".getBytes(StandardCharsets.UTF_8));
        upload(a);
        upload(b);

        Map<ContentHash, Long> sizes = store.sizes(vault, List.of(ContentHash.ofBytes(a), absent, ContentHash.ofBytes(b)));

        assertThat(store.size(vault, absent)).isEmpty();
        assertThat(sizes).isEqualTo(Map.of(ContentHash.ofBytes(a), 6L, ContentHash.ofBytes(b), 7L));
    }

    @Test
    void size_blobOfAnotherVault_isNotVisible() {
        byte[] content = "vault-scoped".getBytes(StandardCharsets.UTF_8);
        upload(content);

        OptionalLong elsewhere = store.size(new VaultId(AwsTarget.uniqueName("other")), ContentHash.ofBytes(content));

        assertThat(elsewhere).isEmpty();
        assertThat(store.size(vault, ContentHash.ofBytes(content))).isEqualTo(OptionalLong.of(content.length));
    }

    @Test
    void contentMd5Mode_signsOnlyTheLengthAndTheStoreChecksAnUnsignedContentMd5() throws Exception {
        S3BlobStore md5Store = new S3BlobStore(target().s3(), target().presigner(), target().bucket, UploadIntegrity.CONTENT_MD5);
        byte[] content = "checked in transit".getBytes(StandardCharsets.UTF_8);
        byte[] forged = "CHECKED IN TRANSIT".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(content);

        UploadTicket ticket = md5Store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        Map<String, String> withMd5 = new HashMap<>(ticket.headers());
        withMd5.put("Content-MD5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content)));
        RawHttp.Response wrong = RawHttp.put(ticket.url(), withMd5, forged);
        RawHttp.Response right = RawHttp.put(ticket.url(), withMd5, content);

        assertThat(ticket.headers()).isEmpty();
        assertThat(wrong.status()).as(wrong.text()).isEqualTo(400);
        assertThat(wrong.text()).contains("BadDigest");
        assertThat(right.status()).as(right.text()).isEqualTo(200);
        assertThat(md5Store.size(vault, hash)).isEqualTo(OptionalLong.of(content.length));
    }

    private void upload(byte[] content) {
        ContentHash hash = ContentHash.ofBytes(content);
        UploadTicket ticket = store.presignPut(vault, hash, content.length, Duration.ofMinutes(15));
        RawHttp.Response put = RawHttp.put(ticket.url(), ticket.headers(), content);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }
}
