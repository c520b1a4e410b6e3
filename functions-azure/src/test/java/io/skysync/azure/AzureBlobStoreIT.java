package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.DownloadTicket;
import io.skysync.service.UploadTicket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SAS round trips against Azurite, which checks SAS signatures, permissions and expiry like Azure. */
class AzureBlobStoreIT {
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BlobContainerClient container;
    private static AzureBlobStore store;
    private final VaultId vault = new VaultId("v" + System.nanoTime());

    @BeforeAll
    static void container() {
        container = Azurite.newContainer("blobs");
        store = new AzureBlobStore(container, SasSigner.accountKey(), Clock.systemUTC());
    }

    @Test
    void sizes_manyAmongManyWithSmallPages_areFoundByListingPrefixesAcrossPages() {
        AzureBlobStore small = new AzureBlobStore(container, SasSigner.accountKey(), Clock.systemUTC(), 7);
        Map<ContentHash, Long> expected = new HashMap<>();
        List<ContentHash> wanted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] body = ("blob " + i).repeat(1 + i % 3).getBytes(StandardCharsets.UTF_8);
            ContentHash hash = ContentHash.ofBytes(body);
            container.getBlobClient(AzureBlobStore.blobName(vault, hash)).upload(BinaryData.fromBytes(body));
            if (i % 2 == 0) {
                wanted.add(hash);
                expected.put(hash, (long) body.length);
            }
            wanted.add(ContentHash.ofBytes(("absent " + i).getBytes(StandardCharsets.UTF_8)));
        }
        container.getBlobClient("vaults/" + vault + "/blobs/not-a-hash").upload(BinaryData.fromString("stray"));

        assertThat(small.sizes(vault, wanted)).isEqualTo(expected);
        assertThat(small.sizes(new VaultId(vault.value() + "y"), wanted)).isEmpty();
        assertThat(small.sizes(vault, wanted.subList(0, 3))).as("a few, looked up")
                .isEqualTo(Map.of(wanted.get(0), expected.get(wanted.get(0))));
    }

    @Test
    void presignPut_thenGet_roundTripsTheBytesAndSizeSeesThem() throws Exception {
        byte[] body = "hello azure".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(body);
        UploadTicket ticket = store.presignPut(vault, hash, body.length, TTL);

        assertThat(ticket.method()).isEqualTo("PUT");
        assertThat(ticket.headers()).containsEntry("x-ms-blob-type", "BlockBlob");
        assertThat(ticket.url().getQuery()).contains("sp=c").doesNotContain("sp=cw");
        assertThat(put(ticket, body, Map.of())).isEqualTo(201);
        assertThat(store.size(vault, hash)).isEqualTo(OptionalLong.of(body.length));
        assertThat(container.getBlobClient("vaults/" + vault + "/blobs/" + hash.hex()).exists()).isTrue();

        DownloadTicket download = store.presignGet(vault, hash, TTL);
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(download.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(body);
    }

    @Test
    void presignPut_blobAlreadyThere_overwriteIsRefusedAndTheFirstBytesStay() throws Exception {
        byte[] body = "first".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(body);
        assertThat(put(store.presignPut(vault, hash, body.length, TTL), body, Map.of())).isEqualTo(201);

        int second = put(store.presignPut(vault, hash, 5, TTL), "other".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(second).isEqualTo(403);
        assertThat(container.getBlobClient(AzureBlobStore.blobName(vault, hash)).downloadContent().toBytes()).isEqualTo(body);
    }

    @Test
    void presignPut_wrongContentMd5_isRefusedAndNothingIsStored() throws Exception {
        byte[] body = "md5 checked".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(body);
        UploadTicket ticket = store.presignPut(vault, hash, body.length, TTL);

        int wrong = put(ticket, body, Map.of("Content-MD5", md5("something else".getBytes(StandardCharsets.UTF_8))));

        assertThat(wrong).isEqualTo(400);
        assertThat(store.size(vault, hash)).isEmpty();
        assertThat(put(ticket, body, Map.of("Content-MD5", md5(body)))).as("the right MD5 passes").isEqualTo(201);
    }

    @Test
    void presignedUrls_expired_areRefused() throws Exception {
        byte[] body = "late".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(body);
        AzureBlobStore past = new AzureBlobStore(container, SasSigner.accountKey(),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));

        assertThat(put(past.presignPut(vault, hash, body.length, TTL), body, Map.of())).isEqualTo(403);
        assertThat(store.size(vault, hash)).isEmpty();
        assertThat(put(store.presignPut(vault, hash, body.length, TTL), body, Map.of())).isEqualTo(201);
        assertThat(get(past.presignGet(vault, hash, TTL).url())).isEqualTo(403);
    }

    @Test
    void uploadUrl_cannotReadAndCannotWriteAnotherBlob() throws Exception {
        byte[] body = "scoped".getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(body);
        UploadTicket ticket = store.presignPut(vault, hash, body.length, TTL);
        assertThat(put(ticket, body, Map.of())).isEqualTo(201);

        assertThat(get(ticket.url())).as("create-only SAS reads nothing").isEqualTo(403);
        URI other = URI.create(ticket.url().toString().replace(hash.hex(), ContentHash.EMPTY.hex()));
        assertThat(put(new UploadTicket(other, "PUT", ticket.headers(), ticket.expiresAt()), new byte[0], Map.of()))
                .as("the SAS signs one blob name").isEqualTo(403);
    }

    @Test
    void size_missingBlob_isEmpty() {
        assertThat(store.size(vault, ContentHash.ofBytes(new byte[] {1, 2, 3}))).isEmpty();
    }

    private static int put(UploadTicket ticket, byte[] body, Map<String, String> extra) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ticket.url()).method(ticket.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        ticket.headers().forEach(request::header);
        extra.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String md5(byte[] body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    }
}
