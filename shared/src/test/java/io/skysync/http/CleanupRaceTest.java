package io.skysync.http;

import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.StoredBlob;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.service.UploadTicket;
import io.skysync.testing.HookedManifestStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6's clean-up test: three devices plan, upload and commit in random interleavings while the
 * clean-up runs at arbitrary moments, also in the middle of a commit (between its blob check and
 * its write, with the clock moved on by less than the mark age), and the clock jumps by minutes to
 * days. After every step, no current entry and no kept history record points at a missing blob.
 * Neither does a blob record (docs/devices.md, "Blob records"): plan and commit trust a record instead
 * of asking storage, so a record must never outlive its blob.
 * At the end, once everything settles, storage holds exactly the referenced blobs (nothing leaks).
 * Every odd content of the pool is a chunked file (a recipe and two chunks, the first shared by all
 * of them), so the same holds for recipes and chunks: a chunk is live while a kept recipe names it.
 * Each seed is one reproducible interleaving.
 */
class CleanupRaceTest {
    private static final int INTERLEAVINGS = 240;
    private static final int STEPS = 70;
    private static final VaultId VAULT = new VaultId("race");
    /** Aggressive on purpose: no grace, short retention, so blobs are marked and deleted often. */
    private static final RetentionPolicy POLICY =
            new RetentionPolicy(Duration.ofDays(1), 1, Duration.ZERO, Duration.ofHours(1));
    /** Few contents, shared by all devices, so a plan often finds a blob the clean-up is after. */
    private static final int POOL = 8;
    private static final List<String> PATHS = List.of("a", "b", "c", "d/e");
    private static final List<Duration> JUMPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(20),
            Duration.ofMinutes(59), Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(3));

    private DevicesFixture api;
    private HookedManifestStore hooked;
    private ApiRouter router;
    private RetentionJob job;
    private Random random;

    static Stream<Long> seeds() {
        return IntStream.range(0, INTERLEAVINGS).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cleanupAtArbitraryMoments_neverLeavesACommittedEntryWithoutItsBlob(long seed) {
        random = new Random(seed);
        api = new DevicesFixture(new Random(seed));
        hooked = new HookedManifestStore(api.memory);
        router = new ApiRouter(new SyncService(hooked, api.blobs, api.clock, new Tokens(new Random(seed)),
                ServiceConfig.withBootstrapSecret(ApiFixture.SECRET), api.codes, new MarkedBlobGuard(api.retention)));
        job = api.retentionJob(POLICY);
        String admin = token(post("/v1/vaults", ApiFixture.SECRET, obj("vault", "race")));
        List<Pending> devices = new ArrayList<>();
        devices.add(new Pending(admin));
        for (int i = 0; i < 2; i++) {
            devices.add(new Pending(token(post("/v1/vaults/race/devices", admin, obj("name", "d" + i)))));
        }

        for (int step = 0; step < STEPS; step++) {
            Pending device = devices.get(random.nextInt(devices.size()));
            int action = random.nextInt(100);
            if (action < 25) {
                device.plan();
            } else if (action < 45) {
                device.uploadOne();
            } else if (action < 60) {
                device.commit();
            } else if (action < 70) {
                device.commitWithCleanupInside();
            } else if (action < 80) {
                runCleanup();
            } else if (action < 92) {
                api.clock.advance(JUMPS.get(random.nextInt(JUMPS.size())));
            } else {
                int n = random.nextInt(POOL); // uploaded, never committed (yet)
                if (chunked(n)) {
                    chunkedContent(n).parts().forEach(p -> api.blobs.put(VAULT, p));
                } else {
                    api.putBlob("race", content(n));
                }
            }
            assertEveryReferencedBlobPresent("seed " + seed + " step " + step);
        }

        for (Pending device : devices) {
            device.finish();
            assertEveryReferencedBlobPresent("seed " + seed + " finishing");
        }
        for (int round = 0; round < 3; round++) {
            api.clock.advance(Duration.ofDays(3));
            runCleanup();
            api.clock.advance(Duration.ofHours(2));
            runCleanup();
        }
        assertEveryReferencedBlobPresent("seed " + seed + " settled");
        assertThat(storedHashes()).as("seed %d: after clean-up settles, storage holds exactly the referenced blobs", seed)
                .isEqualTo(referencedHashes());
    }

    /** One device's sync in progress: what it planned, what it still has to upload. */
    private final class Pending {
        private final String token;
        private List<Map<String, Object>> entries = List.of();
        private final Map<String, byte[]> contents = new HashMap<>();
        private final List<UploadDto> uploads = new ArrayList<>();

        Pending(String token) {
            this.token = token;
        }

        /** Picks 1-2 edits over the current manifest (a small content pool, so blobs are shared) and plans. */
        void plan() {
            entries = new ArrayList<>();
            contents.clear();
            uploads.clear();
            Map<String, ManifestEntry> current = new HashMap<>();
            api.memory.currentEntries(VAULT).forEach(e -> current.put(e.path().value(), e));
            List<String> paths = new ArrayList<>(PATHS);
            Collections.shuffle(paths, random);
            for (String path : paths.subList(0, 1 + random.nextInt(2))) {
                ManifestEntry cur = current.get(path);
                long base = cur == null ? 0 : cur.version().value();
                if (cur != null && !cur.deleted() && random.nextInt(5) == 0) {
                    entries.add(obj("path", path, "baseVersion", base, "deleted", true));
                } else {
                    int n = random.nextInt(POOL);
                    String text = content(n);
                    Map<String, Object> entry = obj("path", path, "baseVersion", base, "hash", hash(text).hex(),
                            "size", (long) bytes(text).length, "mtime", 1L);
                    if (chunked(n)) {
                        ChunkedUpload file = chunkedContent(n);
                        contents.put(file.recipeHash().hex(), file.recipe());
                        file.parts().forEach(p -> contents.put(ContentHash.ofBytes(p).hex(), p));
                        entry.put("recipe", file.recipeHash().hex());
                        entry.put("recipeSize", (long) file.recipe().length);
                    } else {
                        contents.put(hash(text).hex(), bytes(text));
                    }
                    entries.add(entry);
                }
            }
            JsonNode plan = ApiFixture.body(post("/v1/vaults/race/plan", token, obj("cursor", head(), "changes",
                    entries.stream().map(e -> {
                        Map<String, Object> copy = new HashMap<>(e);
                        copy.remove("mtime");
                        return copy;
                    }).toList())));
            for (JsonNode upload : plan.get("uploads")) {
                uploads.add(ApiJson.mapper().convertValue(upload, UploadDto.class));
            }
            // A chunked file's chunks: tickets for those the vault lacks, as the client asks for them.
            for (Map<String, Object> e : entries) {
                e.remove("recipeSize");
                if (e.containsKey("recipe")) {
                    ChunkedUpload file = chunkedContent(poolIndexOf((String) e.get("hash")));
                    JsonNode more = ApiFixture.body(post("/v1/vaults/race/upload-urls", token, file.chunkBlobs()));
                    for (JsonNode upload : more.get("uploads")) {
                        uploads.add(ApiJson.mapper().convertValue(upload, UploadDto.class));
                    }
                }
            }
        }

        /** Uploads one blob the plan asked for; an expired URL fails as it would on S3 (the client re-plans). */
        void uploadOne() {
            if (uploads.isEmpty()) {
                return;
            }
            UploadDto dto = uploads.remove(0);
            UploadTicket ticket = new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(),
                    Instant.parse(dto.expiresAt()));
            if (api.clock.instant().isAfter(ticket.expiresAt())) {
                return;
            }
            api.blobs.upload(ticket, contents.get(dto.hash()));
        }

        void commit() {
            if (!entries.isEmpty()) {
                JsonNode results = ApiFixture.body(post("/v1/vaults/race/commit", token, obj("entries", entries)))
                        .get("results");
                assertThat(results).as("commit answered results").isNotNull();
                entries = List.of();
            }
        }

        /** A commit during which the clean-up runs, between its blob check and its write, 10 minutes on. */
        void commitWithCleanupInside() {
            hooked.beforeCommit(() -> {
                api.clock.advance(Duration.ofMinutes(10));
                runCleanup();
            });
            try {
                commit();
            } finally {
                hooked.beforeCommit(() -> { });
            }
        }

        /** Ends the device's sync the way a client would: upload what is left, commit. */
        void finish() {
            while (!uploads.isEmpty()) {
                uploadOne();
            }
            commit();
        }
    }

    private void runCleanup() {
        assertThat(job.run().failed()).isEmpty();
    }

    private void assertEveryReferencedBlobPresent(String where) {
        Map<ContentHash, Long> sizes = new HashMap<>();
        try (Stream<StoredBlob> blobs = api.blobs.blobs(VAULT)) {
            blobs.forEach(b -> sizes.put(b.hash(), b.size()));
        }
        Stream.concat(api.memory.currentEntries(VAULT).stream(), api.memory.historyRecords(VAULT).stream())
                .filter(e -> !e.deleted())
                .forEach(e -> {
                    if (e.recipe() == null) {
                        assertThat(sizes.get(e.hash()))
                                .as("%s: %s v%d points at blob %s", where, e.path(), e.version().value(), e.hash().hex())
                                .isEqualTo(e.size());
                        return;
                    }
                    ChunkedUpload file = chunkedContent(poolIndexOf(e.hash().hex()));
                    assertThat(sizes).as("%s: %s v%d's recipe", where, e.path(), e.version().value())
                            .containsEntry(e.recipe(), (long) file.recipe().length);
                    file.chunks().forEach(c -> assertThat(sizes)
                            .as("%s: %s v%d's chunk %s", where, e.path(), e.version().value(), c.id().shortHex())
                            .containsEntry(c.id(), (long) c.size()));
                });
        // A record is trusted instead of storage, so it must never outlive its blob.
        api.memory.blobRecords(VAULT).forEach((hash, size) -> assertThat(sizes.get(hash))
                .as("%s: the manifest records blob %s", where, hash.hex()).isEqualTo(size));
    }

    /** Odd contents of the pool are chunked files. */
    private static boolean chunked(int n) {
        return n % 2 == 1;
    }

    /** Content {@code n} as a chunked file: a head chunk all chunked contents share, and its own text. */
    private static ChunkedUpload chunkedContent(int n) {
        byte[] text = bytes(content(n));
        byte[] head = Arrays.copyOfRange(text, 0, 8);
        byte[] tail = Arrays.copyOfRange(text, 8, text.length);
        return ChunkedUpload.of(List.of(head, tail));
    }

    private static int poolIndexOf(String hashHex) {
        for (int n = 0; n < POOL; n++) {
            if (hash(content(n)).hex().equals(hashHex)) {
                return n;
            }
        }
        throw new AssertionError("not a content of the pool: " + hashHex);
    }

    /** The device is up to date (this test is about blobs, not the change feed). */
    private long head() {
        return api.memory.vault(VAULT).orElseThrow().seq().value();
    }

    /** The blobs kept versions need: a whole file's blob, or a chunked file's recipe and chunks. */
    private Set<ContentHash> referencedHashes() {
        Set<ContentHash> out = new HashSet<>();
        Stream.concat(api.memory.currentEntries(VAULT).stream(), api.memory.historyRecords(VAULT).stream())
                .filter(e -> !e.deleted())
                .forEach(e -> {
                    if (e.recipe() == null) {
                        out.add(e.hash());
                    } else {
                        out.add(e.recipe());
                        chunkedContent(poolIndexOf(e.hash().hex())).chunks().forEach(c -> out.add(c.id()));
                    }
                });
        return out;
    }

    private Set<ContentHash> storedHashes() {
        Set<ContentHash> out = new HashSet<>();
        try (Stream<StoredBlob> blobs = api.blobs.blobs(VAULT)) {
            blobs.forEach(b -> out.add(b.hash()));
        }
        return out;
    }

    private ApiResponse post(String path, String token, Object body) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        ApiResponse response = router.handle(new ApiRequest("POST", path, Map.of(), headers,
                ApiFixture.json(body).getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isLessThan(300);
        return response;
    }

    private static String token(ApiResponse response) {
        return ApiFixture.body(response).get("token").asText();
    }

    private static String content(int n) {
        return "content " + n;
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
