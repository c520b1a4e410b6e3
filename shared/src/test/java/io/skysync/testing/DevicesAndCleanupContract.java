package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobSweeper;
import io.skysync.service.ServiceConfig;
import io.skysync.service.StoredBlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Devices, history and clean-up (issue 6) as one scenario for every flavour, over its real stores:
 * pairing by code with its lock, a read-only device refused, history and restore (a deleted file
 * too), and the scheduled clean-up through the flavour's own timer entry point with clocks moved
 * days ahead. A flavour's test extends this class, wires its router with
 * {@code ServiceConfig.withBootstrapSecret(SECRET)} once per class and implements the four hooks;
 * each test works in a vault of its own.
 */
public abstract class DevicesAndCleanupContract {
    protected static final String SECRET = "bootstrap-secret-for-the-devices-it";

    /** What the flavour's clean-up entry point reported for one run, summed over every vault. */
    public record CleanupSummary(int blobsMarked, int blobsDeleted) {
    }

    /** The flavour's router over its real stores, wired with {@link ServiceConfig#withBootstrapSecret} and {@link #SECRET}. */
    protected abstract ApiRouter router();

    /** Stores {@code bytes} under {@code hash} in the flavour's blob store, as a client's upload would. */
    protected abstract void putBlob(VaultId vault, ContentHash hash, byte[] bytes);

    /** The flavour's sweeper over the same blob store, to see what is stored. */
    protected abstract BlobSweeper sweeper();

    /** Runs the flavour's scheduled clean-up entry point with its clock {@code ahead} of now. */
    protected abstract CleanupSummary cleanup(Duration ahead);

    @Test
    void pairing_codeWorksOnceAndTheLockHoldsAfterFiveTries() {
        String vault = uniqueVault("pair");
        String admin = createVault(vault);
        String code = body(post("/v1/vaults/" + vault + "/pairing-codes", admin, Map.of("role", "read-only")), 201)
                .get("code").asText();

        JsonNode paired = body(post("/v1/pair", null, Map.of("vault", vault, "code", code, "deviceName", "tablet")), 201);
        assertThat(paired.get("role").asText()).isEqualTo("read-only");
        assertThat(post("/v1/pair", null, Map.of("vault", vault, "code", code, "deviceName", "again")).status())
                .isEqualTo(401);
        String fresh = body(post("/v1/vaults/" + vault + "/pairing-codes", admin, Map.of("role", "member")), 201)
                .get("code").asText();
        // Every attempt counts, the two above included: three more wrong ones reach the limit of 5.
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/pair", null, Map.of("vault", vault, "code", "0000-000" + i)).status()).isEqualTo(401);
        }
        assertThat(post("/v1/pair", null, Map.of("vault", vault, "code", fresh, "deviceName", "x")).status())
                .isEqualTo(429);

        String reader = paired.get("token").asText();
        ContentHash blob = putBlob(vault, "read-only data");
        assertThat(post("/v1/vaults/" + vault + "/commit", reader, Map.of("entries", List.of(
                entry("x.txt", 0, blob, 14)))).status()).isEqualTo(403);
    }

    @Test
    void history_restoreOldVersionAndDeletedFile() {
        String vault = uniqueVault("hist");
        String admin = createVault(vault);
        ContentHash one = putBlob(vault, "one");
        ContentHash two = putBlob(vault, "two!");
        commit(vault, admin, entry("f.txt", 0, one, 3));
        commit(vault, admin, entry("f.txt", 1, two, 4));
        commit(vault, admin, Map.of("path", "f.txt", "baseVersion", 2, "deleted", true));

        JsonNode versions = body(get("/v1/vaults/" + vault + "/files/f.txt/history", admin), 200).get("versions");
        assertThat(versions).extracting(v -> v.get("version").asLong() + ":" + v.get("deleted").asBoolean())
                .containsExactly("3:true", "2:false", "1:false");
        JsonNode restored = commit(vault, admin, entry("f.txt", 3, new ContentHash(versions.get(2).get("hash").asText()), 3));

        assertThat(restored.get("status").asText()).isEqualTo("committed");
        assertThat(restored.get("version").asLong()).isEqualTo(4);
        JsonNode files = body(get("/v1/vaults/" + vault + "/files", admin), 200).get("entries");
        assertThat(files.get(0).get("hash").asText()).isEqualTo(one.hex());
    }

    @Test
    void cleanup_marksThenDeletesAnAbandonedBlobAndKeepsReferencedOnes() {
        String vault = uniqueVault("gc");
        String admin = createVault(vault);
        ContentHash kept = putBlob(vault, "committed");
        commit(vault, admin, entry("k.txt", 0, kept, 9));
        ContentHash abandoned = putBlob(vault, "abandoned upload");

        CleanupSummary first = cleanup(Duration.ofDays(2));
        assertThat(first.blobsMarked()).isGreaterThanOrEqualTo(1);
        assertThat(stored(vault)).contains(abandoned.hex(), kept.hex());
        CleanupSummary second = cleanup(Duration.ofDays(2).plusHours(2));

        assertThat(second.blobsDeleted()).isGreaterThanOrEqualTo(1);
        assertThat(stored(vault)).contains(kept.hex()).doesNotContain(abandoned.hex());
    }

    /** Above what the store takes in one upload (S3 5 GiB, Azure 5000 MiB): a 413 {@code too_large}, no ticket. */
    @Test
    void plan_sizeAboveOneUpload_tooLargeAndNoTicket() {
        String vault = uniqueVault("big");
        String admin = createVault(vault);
        String hash = ContentHash.ofBytes("big".getBytes(StandardCharsets.UTF_8)).hex();

        for (long size : new long[] {6L << 30, Long.MAX_VALUE}) {
            ApiResponse planned = post("/v1/vaults/" + vault + "/plan", admin, Map.of("cursor", 0, "changes", List.of(
                    Map.of("path", "big.bin", "baseVersion", 0, "hash", hash, "size", size))));
            JsonNode error = body(planned, 413).get("error");
            assertThat(error.get("code").asText()).isEqualTo("too_large");
        }
        JsonNode fits = body(post("/v1/vaults/" + vault + "/plan", admin, Map.of("cursor", 0, "changes", List.of(
                Map.of("path", "big.bin", "baseVersion", 0, "hash", hash, "size", 1L << 30)))), 200);
        assertThat(fits.get("uploads")).hasSize(1);
    }

    // ----- helpers -----

    /** Vault ids unique across runs against a long-lived backend, valid for every flavour's names. */
    private static String uniqueVault(String prefix) {
        return (prefix + "-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36)).toLowerCase(Locale.ROOT);
    }

    private List<String> stored(String vault) {
        try (Stream<StoredBlob> blobs = sweeper().blobs(new VaultId(vault))) {
            return blobs.map(b -> b.hash().hex()).toList();
        }
    }

    private String createVault(String vault) {
        return body(post("/v1/vaults", SECRET, Map.of("vault", vault, "deviceName", "first")), 201).get("token").asText();
    }

    private ContentHash putBlob(String vault, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(bytes);
        putBlob(new VaultId(vault), hash, bytes);
        return hash;
    }

    private static Map<String, Object> entry(String path, long base, ContentHash hash, long size) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", path);
        e.put("baseVersion", base);
        e.put("hash", hash.hex());
        e.put("size", size);
        e.put("mtime", 1L);
        return e;
    }

    private JsonNode commit(String vault, String token, Map<String, Object> entry) {
        return body(post("/v1/vaults/" + vault + "/commit", token, Map.of("entries", List.of(entry))), 200)
                .get("results").get(0);
    }

    private ApiResponse post(String path, String token, Object body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return router().handle(new ApiRequest("POST", path, Map.of(), headers, ApiJson.write(body)));
    }

    private ApiResponse get(String path, String token) {
        return router().handle(new ApiRequest("GET", path, Map.of(), Map.of("Authorization", "Bearer " + token), null));
    }

    private static JsonNode body(ApiResponse response, int status) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(text).isEqualTo(status);
        try {
            return ApiJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
