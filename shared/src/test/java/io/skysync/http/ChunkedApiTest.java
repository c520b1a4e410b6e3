package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skysync.content.ChunkParams;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.RetentionReport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunked files through the API (docs/api.md, "Chunked files"): plan, upload-urls for missing
 * chunks only, commit checking the recipe and every chunk, download-urls and chunk-urls, the
 * clean-up keeping the chunks of kept versions; and every bad recipe a clear 4xx that writes nothing.
 */
class ChunkedApiTest {
    private static final VaultId HOME = new VaultId("home");
    private DevicesFixture api;
    private String token;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        token = api.createVault("home");
    }

    @Test
    void chunkedFile_planUploadCommitDownload_roundTrip() {
        ChunkedUpload file = ChunkedUpload.of("alpha-", "beta-", "gamma");
        api.blobs.put(HOME, file.parts().get(1)); // the vault holds one chunk already

        JsonNode plan = assertOk(post("plan", obj("cursor", 0, "changes", List.of(file.change("big.bin", 0)))), 200);
        assertThat(plan.get("uploads")).extracting(u -> u.get("hash").asText()).containsExactly(file.recipeHash().hex());
        JsonNode chunkUploads = assertOk(post("upload-urls", file.chunkBlobs()), 200).get("uploads");
        assertThat(chunkUploads).extracting(u -> u.get("hash").asText())
                .containsExactly(file.chunks().get(0).id().hex(), file.chunks().get(2).id().hex());
        upload(file, plan.get("uploads"));
        upload(file, chunkUploads);

        JsonNode result = assertOk(post("commit", obj("entries", List.of(file.entry("big.bin", 0)))), 200)
                .get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("committed");
        assertThat(api.memory.currentEntries(HOME).get(0).recipe()).isEqualTo(file.recipeHash());
        assertThat(api.memory.currentEntries(HOME).get(0).hash()).isEqualTo(file.hash());

        JsonNode download = assertOk(post("download-urls", obj("files", List.of(obj("path", "big.bin")))), 200)
                .get("urls").get(0);
        assertThat(download.get("recipe").asText()).isEqualTo(file.recipeHash().hex());
        assertThat(download.get("hash").asText()).isEqualTo(file.hash().hex());
        assertThat(download.get("recipeSize").asLong()).isEqualTo(file.recipe().length);
        assertThat(api.blobs.download(URI.create(download.get("url").asText()))).contains(file.recipe());
        List<String> ids = file.chunks().stream().map(c -> c.id().hex()).toList();
        JsonNode chunkUrls = assertOk(post("chunk-urls", obj("chunks", ids)), 200).get("urls");
        List<byte[]> fetched = new ArrayList<>();
        chunkUrls.forEach(u -> fetched.add(api.blobs.download(URI.create(u.get("url").asText())).orElseThrow()));
        assertThat(fetched).containsExactlyElementsOf(file.parts());
        JsonNode listed = assertOk(api.get("/v1/vaults/home/files", Map.of(), token), 200).get("entries").get(0);
        assertThat(listed.get("recipe").asText()).isEqualTo(file.recipeHash().hex());
    }

    /**
     * Protocol 1 (no {@code Skysync-Protocol} header) dates from after chunks (docs/api.md,
     * "Protocol versions"): such a client reads {@code recipe} and {@code recipeSize}, so it is
     * served a chunked file exactly as protocol 2 is, never a 5xx, and the URL it gets fetches
     * the recipe, whose name is not the file's hash: a client checking the hash places nothing wrong.
     */
    @Test
    void chunkedFile_forAClientWithoutTheProtocolHeader_isAnsweredAsForProtocol2() {
        ChunkedUpload file = ChunkedUpload.of("alpha-", "beta-", "gamma");
        storeAll(file);
        assertThat(assertOk(post("commit", obj("entries", List.of(file.entry("big.bin", 0)))), 200).get("results").get(0)
                .get("status").asText()).isEqualTo("committed");
        Object files = obj("files", List.of(obj("path", "big.bin")));
        Object chunks = obj("chunks", file.chunks().stream().map(c -> c.id().hex()).toList());

        for (String route : List.of("download-urls", "chunk-urls", "changes", "files", "history")) {
            ApiResponse legacy = request(route, null, route.equals("download-urls") ? files : chunks);
            ApiResponse current = request(route, "2", route.equals("download-urls") ? files : chunks);
            assertThat(legacy.status()).as(route).isEqualTo(200);
            assertThat(withoutUrls(ApiFixture.body(legacy))).as(route).isEqualTo(withoutUrls(ApiFixture.body(current)));
        }
        JsonNode download = ApiFixture.body(request("download-urls", null, files)).get("urls").get(0);
        assertThat(download.get("recipe").asText()).isEqualTo(file.recipeHash().hex());
        assertThat(download.get("recipeSize").asLong()).isEqualTo(file.recipe().length);
        assertThat(download.get("hash").asText()).isEqualTo(file.hash().hex()).isNotEqualTo(file.recipeHash().hex());
        JsonNode listed = ApiFixture.body(request("changes", null, null)).get("entries").get(0);
        assertThat(listed.get("recipe").asText()).isEqualTo(file.recipeHash().hex());
    }

    @Test
    void commit_chunkNotUploaded_missingBlobAndNothingWritten() {
        ChunkedUpload file = ChunkedUpload.of("one-", "two");
        api.blobs.put(HOME, file.recipe());
        api.blobs.put(HOME, file.parts().get(0));
        api.store.clear();

        JsonNode result = assertOk(post("commit", obj("entries", List.of(file.entry("f", 0)))), 200).get("results").get(0);

        assertThat(result.get("status").asText()).isEqualTo("missing_blob");
        assertThat(api.memory.currentEntries(HOME)).isEmpty();
    }

    @Test
    void commit_chunksOfAnotherVault_missingBlobNeverCommitted() {
        String other = api.createVault("other");
        ChunkedUpload file = ChunkedUpload.of("secret-", "of-other");
        VaultId otherVault = new VaultId("other");
        file.parts().forEach(p -> api.blobs.put(otherVault, p));
        api.blobs.put(HOME, file.recipe());

        JsonNode result = assertOk(post("commit", obj("entries", List.of(file.entry("f", 0)))), 200).get("results").get(0);
        JsonNode urls = assertOk(post("chunk-urls", obj("chunks", List.of(file.chunks().get(0).id().hex()))), 200);

        assertThat(result.get("status").asText()).isEqualTo("missing_blob");
        assertThat(api.memory.currentEntries(HOME)).isEmpty();
        assertThat(api.blobs.download(URI.create(urls.get("urls").get(0).get("url").asText())))
                .as("a chunk URL names this vault's blob only").isEmpty();
        assertThat(other).isNotBlank();
    }

    @Test
    void commit_recipeSizesDoNotAddUpToTheEntry_invalidRecipe() {
        ChunkedUpload file = ChunkedUpload.of("one-", "two");
        storeAll(file);
        api.store.clear();
        Map<String, Object> entry = obj("path", "f", "baseVersion", 0, "hash", file.hash().hex(), "size", file.size() + 1,
                "recipe", file.recipeHash().hex());

        assertError(post("commit", obj("entries", List.of(entry))), ErrorCode.INVALID_RECIPE);
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void commit_recipeOverTheChunkCountLimit_invalidRecipe() {
        byte[] recipe = ("skysync-recipe 1 " + (ChunkParams.MAX_CHUNKS + 1) + " 5\n").getBytes(StandardCharsets.US_ASCII);
        ContentHash name = api.blobs.put(HOME, recipe);
        Map<String, Object> entry = obj("path", "f", "baseVersion", 0, "hash", ContentHash.EMPTY.hex(), "size", 5L,
                "recipe", name.hex());
        api.store.clear();

        assertError(post("commit", obj("entries", List.of(entry))), ErrorCode.INVALID_RECIPE);
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void commit_storedRecipeIsNotARecipe_invalidRecipe() {
        ContentHash name = api.blobs.put(HOME, "{\"not\": \"a recipe\"}\n".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> entry = obj("path", "f", "baseVersion", 0, "hash", ContentHash.EMPTY.hex(), "size", 5L,
                "recipe", name.hex());

        assertError(post("commit", obj("entries", List.of(entry))), ErrorCode.INVALID_RECIPE);
        assertThat(api.memory.currentEntries(HOME)).isEmpty();
    }

    @Test
    void commit_recipeBytesPlantedUnderAnotherName_invalidRecipe() {
        ChunkedUpload file = ChunkedUpload.of("one-", "two");
        ChunkedUpload other = ChunkedUpload.of("one-", "tw0");
        storeAll(file);
        api.blobs.putCorrupt(HOME, other.recipeHash(), file.recipe());
        Map<String, Object> entry = obj("path", "f", "baseVersion", 0, "hash", file.hash().hex(), "size", file.size(),
                "recipe", other.recipeHash().hex());

        assertError(post("commit", obj("entries", List.of(entry))), ErrorCode.INVALID_RECIPE);
        assertThat(api.memory.currentEntries(HOME)).isEmpty();
    }

    @Test
    void badChunkedRequests_clear4xx() {
        ChunkedUpload file = ChunkedUpload.of("one-", "two");
        Map<String, Object> huge = obj("path", "f", "baseVersion", 0, "hash", file.hash().hex(),
                "size", ChunkParams.MAX_FILE_BYTES + 1, "recipe", file.recipeHash().hex(), "recipeSize", 10L);
        Map<String, Object> oneBlobTooBig = obj("path", "f", "baseVersion", 0, "hash", file.hash().hex(),
                "size", api.blobs.maxUploadBytes() + 1);
        Map<String, Object> deletionWithRecipe = obj("path", "f", "baseVersion", 1, "deleted", true,
                "recipe", file.recipeHash().hex());
        Map<String, Object> badRecipeHash = obj("path", "f", "baseVersion", 0, "hash", file.hash().hex(), "size", 5L,
                "recipe", "ABC");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(ContentHash.ofBytes(new byte[] {(byte) i, (byte) (i >> 8)}).hex());
        }
        api.store.clear();

        assertError(post("plan", obj("cursor", 0, "changes", List.of(huge))), ErrorCode.TOO_LARGE);
        assertError(post("plan", obj("cursor", 0, "changes", List.of(oneBlobTooBig))), ErrorCode.TOO_LARGE);
        assertError(post("commit", obj("entries", List.of(deletionWithRecipe))), ErrorCode.INVALID_REQUEST);
        assertError(post("commit", obj("entries", List.of(badRecipeHash))), ErrorCode.INVALID_HASH);
        assertError(post("chunk-urls", obj("chunks", tooMany)), ErrorCode.TOO_MANY_ENTRIES);
        assertError(post("chunk-urls", obj("chunks", List.of("nothex"))), ErrorCode.INVALID_HASH);
        assertError(post("chunk-urls", obj("chunks", List.of(), "extra", 1)), ErrorCode.INVALID_REQUEST);
        assertThat(api.store.writes()).isEmpty();
    }

    /**
     * The server cannot hash a chunked file, so a recipe sent beside a hash is not checked against it.
     * A member that commits the hash every device holds with a recipe of other bytes (its own chunks,
     * sizes that add up) and a new time would make every new download fail, while the devices that
     * hold the file see only a touch and never send it again; once ten such touches are past the
     * retention, the honest recipe is pruned. The same content keeps its stored recipe: a
     * metadata-only version moves no bytes.
     */
    @Test
    void commit_sameHashWithARecipeOfOtherBytes_isAMetadataOnlyVersion_thatKeepsTheStoredRecipe() {
        ChunkedUpload honest = ChunkedUpload.of("alpha-", "beta-", "gamma");
        storeAll(honest);
        assertOk(post("commit", obj("entries", List.of(honest.entry("big.bin", 0)))), 200);
        String member = ApiFixture.body(api.post("/v1/vaults/home/devices", token, obj("name", "m"))).get("token").asText();
        ChunkedUpload forged = ChunkedUpload.of("XXXXXX", "YYYYY", "ZZZZZ");
        assertThat(forged.size()).isEqualTo(honest.size());
        storeAll(forged);
        Map<String, Object> touch = obj("path", "big.bin", "baseVersion", 1, "hash", honest.hash().hex(),
                "size", honest.size(), "mtime", 5_000L, "recipe", forged.recipeHash().hex());

        JsonNode result = assertOk(api.post("/v1/vaults/home/commit", member, obj("entries", List.of(touch))), 200)
                .get("results").get(0);

        assertThat(result.get("status").asText()).isEqualTo("committed");
        assertThat(result.get("version").asLong()).isEqualTo(2);
        assertThat(api.memory.currentEntries(HOME).get(0).mtimeMillis()).isEqualTo(5_000L);
        assertThat(api.memory.currentEntries(HOME).get(0).recipe()).as("the stored recipe stands")
                .isEqualTo(honest.recipeHash());
        JsonNode download = assertOk(post("download-urls", obj("files", List.of(obj("path", "big.bin")))), 200)
                .get("urls").get(0);
        assertThat(download.get("recipe").asText()).isEqualTo(honest.recipeHash().hex());
    }

    @Test
    void cleanup_keepsChunksOfKeptVersionsAndCollectsThoseOfPrunedOnes() {
        ChunkedUpload first = ChunkedUpload.of("shared-", "old-tail");
        ChunkedUpload second = ChunkedUpload.of("shared-", "new-tail");
        storeAll(first);
        assertOk(post("commit", obj("entries", List.of(first.entry("f", 0)))), 200);
        storeAll(second);
        assertOk(post("commit", obj("entries", List.of(second.entry("f", 1)))), 200);
        api.clock.advance(Duration.ofDays(2));

        RetentionReport.VaultReport kept = run(RetentionPolicy.DEFAULT);

        assertThat(kept.blobsMarked()).as("both versions are kept: no chunk is unreferenced").isZero();
        RetentionPolicy newestOnly = new RetentionPolicy(Duration.ofDays(1), 1, Duration.ofDays(1), Duration.ofHours(1));
        run(newestOnly);
        api.clock.advance(Duration.ofHours(2));
        run(newestOnly);

        assertThat(api.memory.history(HOME, VaultPath.of("f"), 10)).hasSize(1);
        assertThat(api.blobs.get(HOME, first.chunks().get(1).id())).as("the pruned version's own chunk").isEmpty();
        assertThat(api.blobs.get(HOME, first.recipeHash())).as("the pruned version's recipe").isEmpty();
        assertThat(api.blobs.get(HOME, second.chunks().get(0).id())).as("a chunk both versions share").isPresent();
        assertThat(api.blobs.get(HOME, second.chunks().get(1).id())).isPresent();
        assertThat(api.blobs.get(HOME, second.recipeHash())).isPresent();
    }

    private void storeAll(ChunkedUpload file) {
        api.blobs.put(HOME, file.recipe());
        file.parts().forEach(p -> api.blobs.put(HOME, p));
    }

    private void upload(ChunkedUpload file, JsonNode uploads) {
        uploads.forEach(u -> api.blobs.upload(ChunkedUpload.ticket(u), file.bytesOf(u.get("hash").asText())));
    }

    /** One request of {@code route} with {@code protocol} as its header (null: none), as a client of that protocol sends it. */
    private ApiResponse request(String route, String protocol, Object body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (protocol != null) {
            headers.put("Skysync-Protocol", protocol);
        }
        return switch (route) {
            case "changes" -> api.router.handle(new ApiRequest("GET", "/v1/vaults/home/changes", Map.of("since", "0"),
                    headers, null));
            case "files" -> api.router.handle(new ApiRequest("GET", "/v1/vaults/home/files", Map.of(), headers, null));
            case "history" -> api.router.handle(new ApiRequest("GET", "/v1/vaults/home/files/big.bin/history", Map.of(),
                    headers, null));
            default -> {
                headers.put("Content-Type", "application/json");
                yield api.router.handle(new ApiRequest("POST", "/v1/vaults/home/" + route, Map.of(), headers,
                        ApiFixture.json(body).getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    /** The answer without its presigned URLs and expiries, which differ from one request to the next. */
    private static JsonNode withoutUrls(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        copy.findParents("url").forEach(p -> ((ObjectNode) p).remove(List.of("url", "expiresAt")));
        return copy;
    }

    private ApiResponse post(String action, Object body) {
        return api.post("/v1/vaults/home/" + action, token, body);
    }

    private RetentionReport.VaultReport run(RetentionPolicy policy) {
        RetentionReport report = api.retentionJob(policy).run();
        assertThat(report.failed()).isEmpty();
        return report.vaults().stream().filter(v -> v.vault().equals(HOME)).findFirst().orElseThrow();
    }
}
