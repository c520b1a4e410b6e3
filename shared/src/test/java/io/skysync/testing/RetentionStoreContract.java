package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.BlobMark;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RetentionStore} must pass, together with the {@link ManifestStore} over
 * the same tables (the retention store reads and prunes what the manifest store wrote). Each test
 * works in a vault of its own.
 */
public abstract class RetentionStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private static final DeviceId WRITER = new DeviceId("writer-1");

    protected ManifestStore manifest;
    protected RetentionStore store;
    protected VaultId vault;

    protected abstract ManifestStore manifestStore();

    protected abstract RetentionStore retentionStore();

    @BeforeEach
    void freshVault() {
        manifest = manifestStore();
        store = retentionStore();
        vault = newVault();
        DeviceRecord admin = new DeviceRecord(new DeviceId("admin-1"), "admin", Role.ADMIN,
                ContentHash.ofBytes(new byte[] {1}).hex(), T0, T0, Seq.ZERO, false);
        assertThat(manifest.createVault(vault, admin, T0)).isTrue();
    }

    protected static VaultId newVault() {
        return new VaultId(("rt-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    // ----- the clean-up lease -----

    @Test
    void holdLease_oneRunAtATime_untilItRunsOutOrIsReleased() {
        Instant until = T0.plusSeconds(900);

        assertThat(store.holdLease(vault, "run-a", T0, until)).isTrue();
        assertThat(store.holdLease(vault, "run-b", T0.plusSeconds(60), T0.plusSeconds(960))).as("held by run-a").isFalse();
        assertThat(store.holdLease(vault, "run-a", T0.plusSeconds(60), T0.plusSeconds(960))).as("renewed").isTrue();
        assertThat(store.holdLease(vault, "run-b", T0.plusSeconds(950), T0.plusSeconds(1900))).as("renewal counts").isFalse();
        store.releaseLease(vault, "run-b");
        assertThat(store.holdLease(vault, "run-b", T0.plusSeconds(950), T0.plusSeconds(1900)))
                .as("a release by another run changes nothing").isFalse();

        assertThat(store.holdLease(vault, "run-b", T0.plusSeconds(960), T0.plusSeconds(1900))).as("run out").isTrue();
        assertThat(store.holdLease(vault, "run-a", T0.plusSeconds(961), T0.plusSeconds(1900))).as("taken over").isFalse();
        store.releaseLease(vault, "run-b");
        assertThat(store.holdLease(vault, "run-c", T0.plusSeconds(962), T0.plusSeconds(1900))).as("released").isTrue();
        assertThat(store.holdLease(newVault(), "run-a", T0, until)).as("another vault's lease is its own").isTrue();
    }

    // ----- vaults and the change log -----

    @Test
    void vaults_listsEveryCreatedVault() {
        assertThat(store.vaults()).contains(vault);
    }

    @Test
    void lastLogSeqBefore_commitsAtThreeTimes_answersTheLastOlderSeq() {
        write(T0, "a", "b");                       // seqs 1, 2
        write(T0.plusSeconds(3600), "a");          // seq 3
        write(T0.plusSeconds(7200), "c");          // seq 4

        assertThat(store.lastLogSeqBefore(vault, T0)).isEqualTo(Seq.ZERO);
        assertThat(store.lastLogSeqBefore(vault, T0.plusSeconds(1))).isEqualTo(Seq.of(2));
        assertThat(store.lastLogSeqBefore(vault, T0.plusSeconds(3600))).isEqualTo(Seq.of(2));
        assertThat(store.lastLogSeqBefore(vault, T0.plusSeconds(3601))).isEqualTo(Seq.of(3));
        assertThat(store.lastLogSeqBefore(vault, T0.plusSeconds(99_999))).isEqualTo(Seq.of(4));
    }

    @Test
    void pruneLog_raisesFloorDropsOldRecordsKeepsHeadAndCommitsGoOn() {
        write(T0, "a");
        write(T0, "b");
        write(T0, "c");

        store.pruneLog(vault, Seq.of(2));

        assertThat(manifest.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(2));
        assertThat(manifest.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(3));
        assertThat(manifest.changesSince(vault, Seq.of(2), 10).entries()).extracting(e -> e.path().value())
                .containsExactly("c");
        assertThat(manifest.changesSince(vault, Seq.ZERO, 10).entries()).extracting(e -> e.seq().value())
                .containsExactly(3L);
        write(T0, "d");
        assertThat(manifest.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(2));
        assertThat(manifest.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(4));
    }

    @Test
    void pruneLog_lowerFloorOrPastHead_neverLowersNorPassesTheHead() {
        write(T0, "a");
        write(T0, "b");
        store.pruneLog(vault, Seq.of(2));

        store.pruneLog(vault, Seq.of(1));
        assertThat(manifest.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(2));

        store.pruneLog(vault, Seq.of(50));
        assertThat(manifest.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(2));
        assertThat(manifest.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(2));
    }

    @Test
    void pruneLog_floorInsideAMultiWriteCommit_keepsEveryRecordAfterTheFloor() {
        write(T0, "a", "b", "c"); // seqs 1..3 in one commit

        store.pruneLog(vault, Seq.of(1));

        assertThat(manifest.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(1));
        assertThat(manifest.changesSince(vault, Seq.of(1), 10).entries()).extracting(e -> e.seq().value())
                .containsExactly(2L, 3L);
    }

    // ----- history and references -----

    @Test
    void historyRecords_everyVersionTombstonesIncluded() {
        write(T0, "a");
        write(T0, "a");
        delete(T0, "a");

        try (Stream<ManifestEntry> records = store.historyRecords(vault)) {
            assertThat(records.toList()).extracting(e -> e.version().value(), ManifestEntry::deleted)
                    .containsExactlyInAnyOrder(
                            tuple(1L, false),
                            tuple(2L, false),
                            tuple(3L, true));
        }
    }

    @Test
    void deleteHistory_removesExactlyThoseVersions() {
        ManifestEntry a1 = write(T0, "a").get(0);
        ManifestEntry a2 = write(T0, "a").get(0);
        ManifestEntry ab1 = write(T0, "a b").get(0);

        store.deleteHistory(vault, List.of(a1));

        assertThat(manifest.history(vault, path("a"), 10)).containsExactly(a2);
        assertThat(manifest.version(vault, path("a"), FileVersion.of(1))).isEmpty();
        assertThat(manifest.history(vault, path("a b"), 10)).containsExactly(ab1);
        store.deleteHistory(vault, List.of(a1)); // absent: ignored
    }

    @Test
    void referencedHashes_currentAndKeptHistoryNotTombstonesNorDeletedHistory() {
        ManifestEntry a1 = write(T0, "a").get(0);
        ManifestEntry a2 = write(T0, "a").get(0);
        ManifestEntry b1 = write(T0, "b").get(0);
        delete(T0, "b");

        assertThat(store.referencedHashes(vault)).containsExactlyInAnyOrder(a1.hash(), a2.hash(), b1.hash());

        store.deleteHistory(vault, List.of(a1, b1));
        assertThat(store.referencedHashes(vault)).containsExactly(a2.hash());
    }

    /** A chunked entry's content has no blob of its own, so its absence is no loss (BlobRepairs). */
    @Test
    void referencedHashes_ofOneBlobEntriesOnly_notTheContentOfAChunkedOne() {
        ManifestEntry small = write(T0, "small").get(0);
        ManifestEntry big = writeChunked(T0, "big", hash("recipe of " + vault));

        assertThat(store.referencedHashes(vault)).as("not " + big.hash().shortHex()).containsExactly(small.hash());
    }

    @Test
    void referencedRecipes_ofChunkedCurrentAndKeptHistoryOnly() {
        ContentHash r1 = hash("recipe 1 of " + vault);
        ContentHash r2 = hash("recipe 2 of " + vault);
        writeChunked(T0, "big", r1);
        ManifestEntry big2 = writeChunked(T0, "big", r2);
        write(T0, "small");

        assertThat(store.referencedRecipes(vault)).containsExactlyInAnyOrder(r1, r2);

        store.deleteHistory(vault, manifest.history(vault, path("big"), 10).stream()
                .filter(e -> !e.equals(big2)).toList());
        assertThat(store.referencedRecipes(vault)).containsExactly(r2);
    }

    private ManifestEntry writeChunked(Instant at, String p, ContentHash recipe) {
        Seq head = manifest.vault(vault).orElseThrow().seq();
        ManifestEntry cur = manifest.entries(vault, List.of(path(p))).get(path(p));
        FileVersion expected = cur == null ? FileVersion.NONE : cur.version();
        ManifestEntry entry = ManifestEntry.live(path(p), expected.next(), hash(p + "@" + expected.next().value()),
                3, 1000, WRITER, head.plus(1), at).withRecipe(recipe);
        assertThat(manifest.commit(vault, head, List.of(new EntryWrite(expected, entry)), at)).isEqualTo(CommitAttempt.APPLIED);
        return entry;
    }

    // ----- blob marks -----

    @Test
    void mark_newThenAgain_trueThenFalse() {
        ContentHash h = hash("x");

        assertThat(store.mark(vault, h, T0)).isTrue();
        assertThat(store.mark(vault, h, T0.plusSeconds(5))).isFalse();

        assertThat(store.marks(vault)).containsExactly(new BlobMark(h, T0, false));
        assertThat(store.marks(vault, List.of(h, hash("y")))).isEqualTo(Map.of(h, new BlobMark(h, T0, false)));
        assertThat(store.marks(newVault())).isEmpty();
    }

    @Test
    void doom_exactMark_trueAndMarkReadsDoomed() {
        ContentHash h = hash("x");
        store.mark(vault, h, T0);
        BlobMark mark = new BlobMark(h, T0, false);

        assertThat(store.doom(vault, new BlobMark(h, T0.plusMillis(1), false))).isFalse();
        assertThat(store.doom(vault, mark)).isTrue();
        assertThat(store.doom(vault, mark)).isFalse();

        assertThat(store.marks(vault, Set.of(h))).containsEntry(h, mark.asDoomed());
        assertThat(store.mark(vault, h, T0.plusSeconds(9))).isFalse();
    }

    @Test
    void remove_onlyTheExactRecord() {
        ContentHash h = hash("x");
        store.mark(vault, h, T0);
        BlobMark mark = new BlobMark(h, T0, false);

        assertThat(store.remove(vault, mark.asDoomed())).isFalse();
        assertThat(store.remove(vault, new BlobMark(h, T0.plusSeconds(1), false))).isFalse();
        assertThat(store.remove(vault, mark)).isTrue();
        assertThat(store.remove(vault, mark)).isFalse();
        assertThat(store.marks(vault)).isEmpty();
        assertThat(store.mark(vault, h, T0.plusSeconds(9))).isTrue();
    }

    @Test
    void doomAndRemove_racing_exactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 10; i++) {
                ContentHash h = hash("race-" + i);
                store.mark(vault, h, T0);
                BlobMark mark = new BlobMark(h, T0, false);
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> doomed = pool.submit(() -> {
                    go.await();
                    return store.doom(vault, mark);
                });
                Future<Boolean> removed = pool.submit(() -> {
                    go.await();
                    return store.remove(vault, mark);
                });
                go.countDown();

                assertThat(doomed.get(30, TimeUnit.SECONDS) ^ removed.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ----- helpers -----

    /** Commits one new version (live, fresh content) of each path at {@code at}; answers the entries. */
    protected List<ManifestEntry> write(Instant at, String... paths) {
        Seq head = manifest.vault(vault).orElseThrow().seq();
        Map<VaultPath, ManifestEntry> current = manifest.entries(vault, Stream.of(paths).map(RetentionStoreContract::path).toList());
        List<EntryWrite> writes = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            VaultPath p = path(paths[i]);
            ManifestEntry cur = current.get(p);
            FileVersion expected = cur == null ? FileVersion.NONE : cur.version();
            ContentHash content = hash(paths[i] + "@" + expected.next().value() + "@" + vault);
            writes.add(new EntryWrite(expected, ManifestEntry.live(p, expected.next(), content, 3, 1000, WRITER,
                    head.plus(i + 1L), at)));
        }
        assertThat(manifest.commit(vault, head, writes, at)).isEqualTo(CommitAttempt.APPLIED);
        return writes.stream().map(EntryWrite::entry).toList();
    }

    protected void delete(Instant at, String p) {
        Seq head = manifest.vault(vault).orElseThrow().seq();
        ManifestEntry cur = manifest.entries(vault, List.of(path(p))).get(path(p));
        assertThat(manifest.commit(vault, head, List.of(new EntryWrite(cur.version(),
                ManifestEntry.tombstone(path(p), cur.version().next(), WRITER, head.plus(1), at))), at))
                .isEqualTo(CommitAttempt.APPLIED);
    }

    protected static VaultPath path(String p) {
        return VaultPath.of(p);
    }

    protected static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
