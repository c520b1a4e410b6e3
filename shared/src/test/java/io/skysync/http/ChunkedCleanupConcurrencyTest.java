package io.skysync.http;

import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.MarkedBlobGuard;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.StoredBlob;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.service.UploadTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link CleanupRaceTest}'s question with real threads: two devices plan, upload and commit chunked
 * files (sharing a chunk) over and over while a third thread runs the clean-up and moves the clock
 * on, all started by one latch. The clock moves only between two syncs of a writer: the clean-up's
 * argument rests on a commit taking far less than the mark age (docs/devices.md, "Why it is safe"),
 * which a clock jumping by days in the middle of one would break; the clean-up runs themselves
 * race the plans, uploads and commits. Whenever the clean-up has run, every entry and history record
 * it keeps names a recipe and chunks that are stored; once everything settles, storage holds exactly
 * what kept versions name (docs/devices.md, "Clean-up").
 */
class ChunkedCleanupConcurrencyTest {
    private static final VaultId VAULT = new VaultId("race");
    private static final RetentionPolicy POLICY =
            new RetentionPolicy(Duration.ofDays(1), 1, Duration.ZERO, Duration.ofHours(1));
    private static final int ROUNDS = 150;
    private static final int POOL = 6;
    private static final List<String> PATHS = List.of("a", "b", "d/e");
    private static final List<Duration> JUMPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(20),
            Duration.ofMinutes(59), Duration.ofHours(2), Duration.ofDays(1));

    private final DevicesFixture api = new DevicesFixture(new Random(7));
    private final ApiRouter router = new ApiRouter(new SyncService(api.memory, api.blobs, api.clock,
            new Tokens(new Random(7)), ServiceConfig.withBootstrapSecret(ApiFixture.SECRET), api.codes,
            new MarkedBlobGuard(api.retention)));
    private final RetentionJob job = api.retentionJob(POLICY);
    /** Writers hold it shared for a whole sync; a clock jump takes it alone. */
    private final ReadWriteLock inSync = new ReentrantReadWriteLock(true);

    @Test
    void twoWritersOfChunkedFiles_whileTheCleanupRuns_neverLoseAKeptVersionsChunks() throws Exception {
        String admin = ApiFixture.body(post("/v1/vaults", ApiFixture.SECRET, obj("vault", "race"))).get("token").asText();
        String member = ApiFixture.body(post("/v1/vaults/race/devices", admin, obj("name", "m"))).get("token").asText();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String token : List.of(admin, member)) {
                int seed = writers.size();
                writers.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(seed);
                    for (int i = 0; i < ROUNDS; i++) {
                        inSync.readLock().lock();
                        try {
                            committed.addAndGet(writeOnce(token, random));
                        } finally {
                            inSync.readLock().unlock();
                        }
                    }
                    return null;
                }));
            }
            Future<Integer> cleaner = pool.submit(() -> {
                start.await();
                Random random = new Random(99);
                int runs = 0;
                while (writing.get()) {
                    inSync.writeLock().lock();
                    try {
                        api.clock.advance(JUMPS.get(random.nextInt(JUMPS.size())));
                    } finally {
                        inSync.writeLock().unlock();
                    }
                    assertThat(job.run().failed()).isEmpty();
                    // Only this thread deletes, so what it reads now stays stored until its next run.
                    assertEveryKeptVersionStored("after clean-up run " + runs++);
                }
                return runs;
            });
            start.countDown();
            try {
                for (Future<?> writer : writers) {
                    writer.get(5, TimeUnit.MINUTES);
                }
            } finally {
                writing.set(false);
            }
            assertThat(cleaner.get(5, TimeUnit.MINUTES)).as("clean-up runs during the writes").isGreaterThan(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed.get()).as("commits that landed").isGreaterThan(ROUNDS / 2);

        for (int round = 0; round < 3; round++) {
            api.clock.advance(Duration.ofDays(3));
            assertThat(job.run().failed()).isEmpty();
        }
        assertEveryKeptVersionStored("settled");
        assertThat(stored().keySet()).as("storage holds exactly what kept versions name").isEqualTo(referenced());
    }

    /** One sync of one file: plan, upload what the tickets ask for (unless they ran out), commit. 1 if it landed. */
    private int writeOnce(String token, Random random) {
        String path = PATHS.get(random.nextInt(PATHS.size()));
        ChunkedUpload file = content(random.nextInt(POOL));
        ManifestEntry current = api.memory.entries(VAULT, List.of(VaultPath.of(path))).values().stream()
                .findFirst().orElse(null);
        long base = current == null ? 0 : current.version().value();
        long head = api.memory.vault(VAULT).orElseThrow().seq().value();
        JsonNode plan = ApiFixture.body(post("/v1/vaults/race/plan", token,
                obj("cursor", head, "changes", List.of(file.change(path, base)))));
        List<JsonNode> uploads = new ArrayList<>();
        plan.get("uploads").forEach(uploads::add);
        ApiFixture.body(post("/v1/vaults/race/upload-urls", token, file.chunkBlobs())).get("uploads").forEach(uploads::add);
        for (JsonNode upload : uploads) {
            UploadTicket ticket = ChunkedUpload.ticket(upload);
            if (!api.clock.instant().isAfter(ticket.expiresAt())) {
                api.blobs.upload(ticket, file.bytesOf(upload.get("hash").asText()));
            }
        }
        Map<String, Object> entry = obj("path", path, "baseVersion", base, "hash", file.hash().hex(), "size", file.size(),
                "mtime", 1L, "recipe", file.recipeHash().hex());
        JsonNode result = ApiFixture.body(post("/v1/vaults/race/commit", token, obj("entries", List.of(entry))))
                .get("results").get(0);
        assertThat(result.get("status").asText()).isIn("committed", "conflict", "missing_blob");
        return "committed".equals(result.get("status").asText()) ? 1 : 0;
    }

    private void assertEveryKeptVersionStored(String where) {
        List<ManifestEntry> kept = Stream.concat(api.memory.currentEntries(VAULT).stream(),
                api.memory.historyRecords(VAULT).stream()).filter(e -> !e.deleted()).toList();
        Map<ContentHash, Long> sizes = stored();
        for (ManifestEntry e : kept) {
            ChunkedUpload file = contentOf(e.hash());
            assertThat(sizes).as("%s: %s v%d's recipe", where, e.path(), e.version().value())
                    .containsEntry(e.recipe(), (long) file.recipe().length);
            file.chunks().forEach(c -> assertThat(sizes)
                    .as("%s: %s v%d's chunk %s", where, e.path(), e.version().value(), c.id().shortHex())
                    .containsEntry(c.id(), (long) c.size()));
        }
    }

    private Set<ContentHash> referenced() {
        Set<ContentHash> out = new HashSet<>();
        Stream.concat(api.memory.currentEntries(VAULT).stream(), api.memory.historyRecords(VAULT).stream())
                .filter(e -> !e.deleted()).forEach(e -> {
                    out.add(e.recipe());
                    contentOf(e.hash()).chunks().forEach(c -> out.add(c.id()));
                });
        return out;
    }

    private Map<ContentHash, Long> stored() {
        Map<ContentHash, Long> sizes = new HashMap<>();
        try (Stream<StoredBlob> blobs = api.blobs.blobs(VAULT)) {
            blobs.forEach(b -> sizes.put(b.hash(), b.size()));
        }
        return sizes;
    }

    /** Content {@code n}: a head chunk every content shares and a tail of its own. */
    private static ChunkedUpload content(int n) {
        return ChunkedUpload.of("shared head chunk", "tail of content " + n);
    }

    private static ChunkedUpload contentOf(ContentHash hash) {
        for (int n = 0; n < POOL; n++) {
            if (content(n).hash().equals(hash)) {
                return content(n);
            }
        }
        throw new AssertionError("not a content of the pool: " + hash.hex());
    }

    private ApiResponse post(String path, String token, Object body) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        ApiResponse response = router.handle(new ApiRequest("POST", path, Map.of(), headers,
                ApiFixture.json(body).getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isLessThan(300);
        return response;
    }
}
