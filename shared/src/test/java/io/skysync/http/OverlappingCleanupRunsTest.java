package io.skysync.http;

import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.StoredBlob;
import io.skysync.service.UploadTicket;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two clean-up runs over one vault at once (a scheduled function delivered twice, or a run that
 * outlived its schedule): the first is held just before one of its blob deletes while, seeded, a
 * second run goes through the vault, devices upload and commit the very contents the first run
 * doomed, and the clock moves. A run deletes only under the vault's clean-up lease, so no
 * committed entry ever ends up without its blob.
 */
class OverlappingCleanupRunsTest {
    private static final VaultId VAULT = new VaultId("overlap");
    private static final int ABANDONED = 3;
    private static final List<Duration> JUMPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(3),
            Duration.ofMinutes(30), Duration.ofHours(2));

    private DevicesFixture api;
    private Random random;
    private String admin;
    private final Map<String, Long> versions = new HashMap<>();

    static Stream<Long> seeds() {
        return IntStream.range(0, 60).mapToObj(i -> 7000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void secondRunAndCommitsWhileTheFirstIsAboutToDelete_noCommittedEntryLosesItsBlob(long seed) {
        random = new Random(seed);
        api = new DevicesFixture(new Random(seed));
        admin = api.createVault(VAULT.value());
        for (int i = 0; i < ABANDONED; i++) {
            api.putBlob(VAULT.value(), content(i)); // uploaded, never committed
        }
        api.clock.advance(Duration.ofDays(2));
        assertThat(job(api.blobs).run().failed()).isEmpty(); // marks them
        api.clock.advance(Duration.ofHours(2));
        int holdAt = random.nextInt(ABANDONED);
        HoldingSweeper held = new HoldingSweeper(holdAt, () -> {
            for (int step = 0, steps = 2 + random.nextInt(4); step < steps; step++) {
                interleave();
                assertEveryReferencedBlobPresent("seed " + seed + ", inside the first run, step " + step);
            }
        });

        job(held).run();

        assertEveryReferencedBlobPresent("seed " + seed + ", after the first run");
        for (int i = 0; i < ABANDONED; i++) {
            syncUntilCommitted("settle/" + i, content(i));
        }
        for (int round = 0; round < 3; round++) {
            api.clock.advance(Duration.ofDays(2));
            job(api.blobs).run();
            assertEveryReferencedBlobPresent("seed " + seed + ", settling");
        }
    }

    /** The plain case the race test found: a second run finishes the mark, a device re-uploads and commits. */
    @Test
    void secondRunInsideTheFirst_isRefusedTheLeaseAndDeletesNothing() {
        random = new Random(1);
        api = new DevicesFixture(new Random(1));
        admin = api.createVault(VAULT.value());
        ContentHash abandoned = api.putBlob(VAULT.value(), content(0));
        api.clock.advance(Duration.ofDays(2));
        job(api.blobs).run();
        api.clock.advance(Duration.ofHours(2));
        int[] secondRunDeleted = new int[1];
        HoldingSweeper held = new HoldingSweeper(0, () -> {
            secondRunDeleted[0] = job(api.blobs).run().vaults().stream().mapToInt(v -> v.blobsDeleted()).sum();
        });

        job(held).run();

        assertThat(secondRunDeleted[0]).as("blobs the second run deleted").isZero();
        assertThat(api.blobs.get(VAULT, abandoned)).as("the first run deleted it under its lease").isEmpty();
        syncUntilCommitted("back.txt", content(0));
        assertEveryReferencedBlobPresent("after a commit of the deleted content");
    }

    // ----- what may happen while the first run is held -----

    private void interleave() {
        int action = random.nextInt(100);
        if (action < 35) {
            job(api.blobs).run();
        } else if (action < 75) {
            syncOnce("p" + random.nextInt(4), content(random.nextInt(ABANDONED + 1)));
        } else {
            api.clock.advance(JUMPS.get(random.nextInt(JUMPS.size())));
        }
    }

    private RetentionJob job(BlobSweeper sweeper) {
        return new RetentionJob(api.memory, api.retention, sweeper, api.clock, RetentionPolicy.DEFAULT);
    }

    /** Plans, uploads what the plan asks for, commits; a {@code missing_blob} or conflict is left for later. */
    private boolean syncOnce(String path, String text) {
        ContentHash hash = ContentHash.ofBytes(bytes(text));
        long base = versions.getOrDefault(path, 0L);
        JsonNode plan = ApiFixture.assertOk(api.post("/v1/vaults/" + VAULT + "/plan", admin, obj("cursor", 0, "changes",
                List.of(obj("path", path, "baseVersion", base, "hash", hash.hex(), "size", (long) bytes(text).length)))), 200);
        for (JsonNode upload : plan.get("uploads")) {
            UploadDto dto = ApiJson.mapper().convertValue(upload, UploadDto.class);
            api.blobs.upload(new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(),
                    Instant.parse(dto.expiresAt())), bytes(text));
        }
        JsonNode result = ApiFixture.assertOk(api.post("/v1/vaults/" + VAULT + "/commit", admin, obj("entries", List.of(
                obj("path", path, "baseVersion", base, "hash", hash.hex(), "size", (long) bytes(text).length,
                        "mtime", 1L)))), 200).get("results").get(0);
        switch (result.get("status").asText()) {
            case "committed" -> versions.put(path, result.get("version").asLong());
            case "conflict" -> versions.put(path, result.get("remote").get("version").asLong());
            default -> {
                return false;
            }
        }
        return result.get("status").asText().equals("committed");
    }

    private void syncUntilCommitted(String path, String text) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (syncOnce(path, text)) {
                return;
            }
        }
        throw new AssertionError("could not commit " + path);
    }

    private void assertEveryReferencedBlobPresent(String where) {
        Map<ContentHash, Long> sizes = new HashMap<>();
        try (Stream<StoredBlob> blobs = api.blobs.blobs(VAULT)) {
            blobs.forEach(b -> sizes.put(b.hash(), b.size()));
        }
        Stream.concat(api.memory.currentEntries(VAULT).stream(), api.memory.historyRecords(VAULT).stream())
                .filter(e -> !e.deleted())
                .forEach(e -> assertThat(sizes.get(e.hash()))
                        .as("%s: %s v%d points at blob %s", where, e.path(), e.version().value(), e.hash().hex())
                        .isEqualTo(e.size()));
    }

    private static String content(int n) {
        return "content number " + n;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture's blob store as a sweeper that runs {@code inside} once, just before its delete number {@code at}. */
    private final class HoldingSweeper implements BlobSweeper {
        private final int at;
        private final Runnable inside;
        private int deletes;

        HoldingSweeper(int at, Runnable inside) {
            this.at = at;
            this.inside = inside;
        }

        @Override
        public Stream<StoredBlob> blobs(VaultId vault) {
            return api.blobs.blobs(vault);
        }

        @Override
        public Optional<InputStream> open(VaultId vault, ContentHash hash) {
            return api.blobs.open(vault, hash);
        }

        @Override
        public void delete(VaultId vault, ContentHash hash) {
            if (deletes++ == at) {
                inside.run();
            }
            api.blobs.delete(vault, hash);
        }
    }
}
