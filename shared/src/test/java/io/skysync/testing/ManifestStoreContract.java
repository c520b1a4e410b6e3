package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.ChangePage;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.FilePage;
import io.skysync.service.ManifestStore;
import io.skysync.service.VaultMeta;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ManifestStore} must pass, one suite for every backend (as rclone's
 * {@code fstests}). A store's test extends this class and implements {@link #store()}; it may return
 * the same store (one emulator) for every test, because each test works in a vault of its own
 * ({@link #newVault()} gives a unique id).
 *
 * <p>The concurrent-committer tests run {@link ConcurrentCommitters} through a real {@code SyncService}
 * with at least 8 threads x 200 commits. A slow emulator keeps those counts and may raise the time
 * limit instead: override {@link #concurrentCommitTimeout()} or set the system property
 * {@code skysync.contract.timeoutSeconds}; {@code skysync.contract.threads} and
 * {@code skysync.contract.commitsPerThread} (or {@link #committerThreads()} and
 * {@link #commitsPerThread()}) change the counts.
 *
 * <p>Times are whole milliseconds so a store that keeps millisecond precision round-trips every
 * record exactly.
 */
public abstract class ManifestStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    protected ManifestStore store;
    protected VaultId vault;
    protected DeviceRecord admin;

    /** The store under test; called before each test, may answer the same instance every time. */
    protected abstract ManifestStore store();

    /** A vault id no other test (of this run or an earlier one on the same emulator) has used. */
    protected VaultId newVault() {
        return new VaultId(("ct-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    @BeforeEach
    void createFreshVault() {
        store = store();
        vault = newVault();
        admin = device("admin-" + VAULTS.get(), Role.ADMIN);
        assertThat(store.createVault(vault, admin, T0)).isTrue();
    }

    // ----- vault and devices -----

    @Test
    void createVault_new_startsAtSeqZeroWithItsFirstDevice() {
        VaultMeta meta = store.vault(vault).orElseThrow();

        assertThat(meta.seq()).isEqualTo(Seq.ZERO);
        assertThat(meta.logFloor()).isEqualTo(Seq.ZERO);
        assertThat(meta.createdAt()).isEqualTo(T0);
        assertThat(store.device(vault, admin.id())).contains(admin);
        assertThat(store.devices(vault)).containsExactly(admin);
    }

    @Test
    void createVault_twice_returnsFalseAndKeepsTheFirst() {
        DeviceRecord intruder = device("intruder", Role.ADMIN);

        assertThat(store.createVault(vault, intruder, T0.plusSeconds(5))).isFalse();

        assertThat(store.devices(vault)).containsExactly(admin);
        assertThat(store.device(vault, intruder.id())).isEmpty();
        assertThat(store.vault(vault).orElseThrow().createdAt()).isEqualTo(T0);
    }

    @Test
    void reads_unknownVault_areEmpty() {
        VaultId unknown = newVault();

        assertThat(store.vault(unknown)).isEmpty();
        assertThat(store.device(unknown, admin.id())).isEmpty();
        assertThat(store.devices(unknown)).isEmpty();
        assertThat(store.entries(unknown, List.of(path("a")))).isEmpty();
        assertThat(store.history(unknown, path("a"), 10)).isEmpty();
        assertThat(store.version(unknown, path("a"), FileVersion.of(1))).isEmpty();
        assertThat(store.changesSince(unknown, Seq.ZERO, 10).entries()).isEmpty();
        assertThat(store.files(unknown, null, 10).entries()).isEmpty();
    }

    @Test
    void devices_ofOtherVaults_areNotVisible() {
        VaultId other = newVault();
        DeviceRecord otherAdmin = device("other-admin", Role.ADMIN);
        assertThat(store.createVault(other, otherAdmin, T0)).isTrue();

        assertThat(store.device(vault, otherAdmin.id())).isEmpty();
        assertThat(store.devices(other)).containsExactly(otherAdmin);
        assertThat(store.devices(vault)).containsExactly(admin);
    }

    // ----- conditional commits -----

    @Test
    void commit_newPaths_appliedAndReadableEverywhere() {
        ManifestEntry a = live("docs/a.txt", 1, 1, "a1");
        ManifestEntry b = live("b.bin", 1, 2, "b1");

        assertThat(commit(0, write(0, a), write(0, b))).isEqualTo(CommitAttempt.APPLIED);

        assertThat(store.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(2));
        assertThat(store.entries(vault, List.of(a.path(), b.path(), path("absent"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(a.path(), a, b.path(), b));
        assertThat(store.version(vault, a.path(), FileVersion.of(1))).contains(a);
        assertThat(store.history(vault, b.path(), 10)).containsExactly(b);
        assertThat(store.changesSince(vault, Seq.ZERO, 10).entries()).containsExactly(a, b);
    }

    @Test
    void commit_chunkedEntry_keepsItsRecipeEverywhere() {
        ManifestEntry big = live("big.bin", 1, 1, "big").withRecipe(hashOf("its recipe"));
        ManifestEntry small = live("small.txt", 1, 2, "small");

        assertThat(commit(0, write(0, big), write(0, small))).isEqualTo(CommitAttempt.APPLIED);

        assertThat(store.entries(vault, List.of(big.path())).get(big.path()).recipe()).isEqualTo(hashOf("its recipe"));
        assertThat(store.version(vault, big.path(), FileVersion.of(1))).contains(big);
        assertThat(store.history(vault, big.path(), 10)).containsExactly(big);
        assertThat(store.changesSince(vault, Seq.ZERO, 10).entries()).containsExactly(big, small);
        assertThat(store.files(vault, null, 10).entries()).containsExactly(big, small);
        assertThat(small.recipe()).as("an entry of one blob has none").isNull();
    }

    @Test
    void commit_wrongExpectedVersion_staleAndWritesNothing() {
        ManifestEntry a1 = live("a", 1, 1, "a1");
        ManifestEntry b1 = live("b", 1, 2, "b1");
        assertThat(commit(0, write(0, a1), write(0, b1))).isEqualTo(CommitAttempt.APPLIED);

        CommitAttempt outcome = commit(2,
                write(1, live("a", 2, 3, "a2")),      // right: a is at version 1
                write(0, live("b", 1, 4, "b-again")), // wrong: b exists at version 1
                write(1, live("c", 2, 5, "c2")));     // wrong: c has no entry

        assertThat(outcome).isEqualTo(CommitAttempt.STALE);
        assertNothingWrittenAfter(2, Map.of(a1.path(), a1, b1.path(), b1), path("c"));
    }

    @Test
    void commit_staleExpectedSeq_staleAndWritesNothing() {
        ManifestEntry a1 = live("a", 1, 1, "a1");
        assertThat(commit(0, write(0, a1))).isEqualTo(CommitAttempt.APPLIED);

        CommitAttempt behind = commit(0, write(0, live("b", 1, 1, "b1")));
        CommitAttempt ahead = commit(5, write(0, live("b", 1, 6, "b1")));

        assertThat(behind).isEqualTo(CommitAttempt.STALE);
        assertThat(ahead).isEqualTo(CommitAttempt.STALE);
        assertNothingWrittenAfter(1, Map.of(a1.path(), a1), path("b"));
    }

    @Test
    void commit_onABaseReadBeforeAnotherCommit_staleAndWritesNothing() {
        ManifestEntry a1 = live("a", 1, 1, "a1");
        assertThat(commit(0, write(0, a1))).isEqualTo(CommitAttempt.APPLIED);
        CommitBase base = store.readForCommit(vault, List.of(path("a"), path("b"))).orElseThrow();
        assertThat(base.seq()).isEqualTo(Seq.of(1));
        assertThat(base.entries()).containsExactlyEntriesOf(Map.of(a1.path(), a1));
        ManifestEntry b1 = live("b", 1, 2, "b1");
        assertThat(commit(1, write(0, b1))).isEqualTo(CommitAttempt.APPLIED);

        CommitAttempt late = store.commit(vault, base, List.of(write(1, live("a", 2, 2, "a2"))), T0);

        assertThat(late).isEqualTo(CommitAttempt.STALE);
        assertNothingWrittenAfter(2, Map.of(a1.path(), a1, b1.path(), b1), path("c"));
        assertThat(store.readForCommit(newVault(), List.of(path("a")))).as("unknown vault").isEmpty();
    }

    @Test
    void commit_onAFreshBase_appliedWithTheVersionsItRead() {
        ManifestEntry a1 = live("a", 1, 1, "a1");
        assertThat(commit(0, write(0, a1))).isEqualTo(CommitAttempt.APPLIED);
        CommitBase base = store.readForCommit(vault, List.of(path("a"), path("b"))).orElseThrow();

        ManifestEntry a2 = live("a", 2, 2, "a2");
        ManifestEntry b1 = live("b", 1, 3, "b1");
        assertThat(store.commit(vault, base, List.of(write(0, live("a", 1, 2, "x"))), T0))
                .as("a write that does not expect the version the base read").isEqualTo(CommitAttempt.STALE);
        assertThat(store.commit(vault, base, List.of(write(1, a2), write(0, b1)), T0)).isEqualTo(CommitAttempt.APPLIED);

        assertThat(store.entries(vault, List.of(a2.path(), b1.path()))).containsExactlyInAnyOrderEntriesOf(
                Map.of(a2.path(), a2, b1.path(), b1));
        assertThat(store.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(3));
    }

    @Test
    void commit_exactlyMaxWritesPerCommit_appliedAtomically() {
        int max = store.maxWritesPerCommit();
        List<EntryWrite> writes = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            writes.add(write(0, live(String.format("bulk/f%04d", i), 1, i + 1, "bulk" + i)));
        }

        assertThat(store.commit(vault, Seq.ZERO, writes, T0)).isEqualTo(CommitAttempt.APPLIED);

        assertThat(store.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(max));
        assertThat(readAllChanges(Seq.ZERO, max + 1)).containsExactlyElementsOf(
                writes.stream().map(EntryWrite::entry).toList());
        assertThat(store.entries(vault, writes.stream().map(w -> w.entry().path()).toList())).hasSize(max);
    }

    /**
     * A write that replaces a version may take more room than one of a new path (DynamoDB keeps the
     * replaced version as history in the same transaction): the store says how many fit, takes
     * those, refuses one more before any write, and keeps every replaced version.
     */
    @Test
    void commit_asManyReplacementsAsFit_appliedWithEveryReplacedVersionKept() {
        int max = store.maxWritesPerCommit();
        List<EntryWrite> first = new ArrayList<>();
        List<EntryWrite> second = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            first.add(write(0, live(String.format("re/f%04d", i), 1, i + 1, "one" + i)));
            second.add(write(1, live(String.format("re/f%04d", i), 2, max + i + 1, "two" + i)));
        }
        assertThat(store.commit(vault, Seq.ZERO, first, T0)).isEqualTo(CommitAttempt.APPLIED);
        int fits = store.fitting(second);
        assertThat(fits).isBetween(1, max);
        assertThat(store.fitting(second.subList(0, fits))).isEqualTo(fits);
        if (fits < max) {
            assertThatThrownBy(() -> store.commit(vault, Seq.of(max), second.subList(0, fits + 1), T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(store.commit(vault, Seq.of(max), second.subList(0, fits), T0)).isEqualTo(CommitAttempt.APPLIED);

        assertThat(store.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(max + fits));
        for (int i = 0; i < max; i++) {
            ManifestEntry one = first.get(i).entry();
            List<ManifestEntry> expected = i < fits ? List.of(second.get(i).entry(), one) : List.of(one);
            assertThat(store.history(vault, one.path(), 10)).containsExactlyElementsOf(expected);
            assertThat(store.version(vault, one.path(), FileVersion.of(1))).contains(one);
            assertThat(store.version(vault, one.path(), FileVersion.of(2)))
                    .isEqualTo(i < fits ? Optional.of(second.get(i).entry()) : Optional.empty());
        }
    }

    @Test
    void entries_manyPathsPresentAndAbsentInterleaved_answersExactlyThePresentOnes() {
        int max = store.maxWritesPerCommit();
        Map<VaultPath, ManifestEntry> expected = new HashMap<>();
        List<VaultPath> asked = new ArrayList<>();
        long seq = 0;
        for (int round = 0; round < 2; round++) {
            List<EntryWrite> writes = new ArrayList<>();
            for (int i = 0; i < max; i++) {
                String name = (i % 3 == 0 ? "caf\u00e9/" : "m/") + round + "-" + i + (i == 7 ? "x".repeat(1000) : "");
                ManifestEntry entry = live(name, 1, seq + writes.size() + 1, "many" + round + i);
                writes.add(write(0, entry));
                expected.put(entry.path(), entry);
                asked.add(entry.path());
                asked.add(path(name + "-absent"));
            }
            assertThat(store.commit(vault, Seq.of(seq), writes, T0)).isEqualTo(CommitAttempt.APPLIED);
            seq += writes.size();
        }
        asked.add(path("a-before-all"));
        asked.add(path("zz-after-all"));

        assertThat(store.entries(vault, asked)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void commit_batchBreakingThePortsRules_isRefusedBeforeAnyWrite() {
        ManifestEntry a1 = live("a", 1, 1, "a1");
        assertThat(commit(0, write(0, a1))).isEqualTo(CommitAttempt.APPLIED);
        List<EntryWrite> overMax = new ArrayList<>();
        for (int i = 0; i <= store.maxWritesPerCommit(); i++) {
            overMax.add(write(0, live("over/f" + i, 1, 2 + i, "o" + i)));
        }

        assertThatThrownBy(() -> commit(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.commit(vault, Seq.of(1), overMax, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> commit(1, write(0, live("b", 1, 2, "b1")), write(0, live("b", 1, 3, "b1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> commit(1, write(0, live("b", 1, 3, "b1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertNothingWrittenAfter(1, Map.of(a1.path(), a1), path("b"));
    }

    @Test
    void commit_tombstoneOverLiveEntry_keepsCountingVersions() {
        commit(0, write(0, live("t.txt", 1, 1, "t1")));
        ManifestEntry tomb = ManifestEntry.tombstone(path("t.txt"), FileVersion.of(2), admin.id(), Seq.of(2), T0);

        assertThat(commit(1, write(1, tomb))).isEqualTo(CommitAttempt.APPLIED);
        ManifestEntry stored = store.entries(vault, List.of(path("t.txt"))).get(path("t.txt"));
        assertThat(stored).isEqualTo(tomb);
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.hash()).isNull();

        // A create that ignores the tombstone conflicts; one over the tombstone's version succeeds.
        assertThat(commit(2, write(0, live("t.txt", 1, 3, "again"))))
                .isEqualTo(CommitAttempt.STALE);
        ManifestEntry revived = live("t.txt", 3, 3, "again");
        assertThat(commit(2, write(2, revived))).isEqualTo(CommitAttempt.APPLIED);
        assertThat(store.history(vault, path("t.txt"), 10)).extracting(e -> e.version().value(), ManifestEntry::deleted)
                .containsExactly(tuple(3L, false), tuple(2L, true), tuple(1L, false));
    }

    @Test
    void commit_folderEntriesAndTheExecutableBit_roundTripEverywhere_andAnOlderEntryReadsAsUnknown() {
        ManifestEntry folder = ManifestEntry.live(path("docs/empty"), FileVersion.of(1), Folder.MARK, 0, 0, admin.id(),
                Seq.of(1), T0.plusMillis(1));
        ManifestEntry script = live("run.sh", 1, 2, "#!/bin/sh").withExecutable(true);
        ManifestEntry plain = live("plain.txt", 1, 3, "p").withExecutable(false);
        ManifestEntry unknown = live("old.txt", 1, 4, "o");

        assertThat(commit(0, write(0, folder), write(0, script), write(0, plain), write(0, unknown)))
                .isEqualTo(CommitAttempt.APPLIED);

        Map<VaultPath, ManifestEntry> read = store.entries(vault, List.of(folder.path(), script.path(), plain.path(),
                unknown.path()));
        assertThat(read.get(folder.path()).folder()).isTrue();
        assertThat(read.get(script.path()).executable()).isTrue();
        assertThat(read.get(plain.path()).executable()).isFalse();
        assertThat(read.get(unknown.path()).executable()).isNull();
        assertThat(store.changesSince(vault, Seq.ZERO, 10).entries()).containsExactly(folder, script, plain, unknown);
        assertThat(store.history(vault, script.path(), 10)).containsExactly(script);

        ManifestEntry gone = ManifestEntry.tombstone(folder.path(), FileVersion.of(2), admin.id(), Seq.of(5), T0);
        assertThat(commit(4, write(1, gone))).isEqualTo(CommitAttempt.APPLIED);
        assertThat(store.history(vault, folder.path(), 10)).containsExactly(gone, folder);
    }

    // ----- change log -----

    @Test
    void changesSince_rewritesOfOnePath_areAllInTheLogInSeqOrder() {
        List<ManifestEntry> written = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            ManifestEntry e = live("same", v, v, "v" + v);
            assertThat(commit(v - 1, write(v - 1, e))).isEqualTo(CommitAttempt.APPLIED);
            written.add(e);
        }

        ChangePage page = store.changesSince(vault, Seq.ZERO, 100);

        assertThat(page.entries()).containsExactlyElementsOf(written);
        assertThat(page.cursor()).isEqualTo(Seq.of(5));
        assertThat(page.hasMore()).isFalse();
        assertThat(store.changesSince(vault, Seq.of(3), 100).entries()).containsExactlyElementsOf(written.subList(3, 5));
    }

    @Test
    void changesSince_smallLimit_pagesEndAtCommitBoundariesAndTheCursorContinues() {
        int[] commitSizes = {1, 3, 1, 2, 4, 1};
        List<ManifestEntry> all = new ArrayList<>();
        List<Long> commitEnds = new ArrayList<>();
        long seq = 0;
        for (int c = 0; c < commitSizes.length; c++) {
            List<EntryWrite> writes = new ArrayList<>();
            for (int i = 0; i < commitSizes[c]; i++) {
                ManifestEntry e = live("c" + c + "/f" + i, 1, seq + i + 1, "c" + c + "f" + i);
                writes.add(write(0, e));
                all.add(e);
            }
            assertThat(store.commit(vault, Seq.of(seq), writes, T0)).isEqualTo(CommitAttempt.APPLIED);
            seq += commitSizes[c];
            commitEnds.add(seq);
        }
        long head = seq;

        for (int limit : new int[] {1, 2, 3, 5}) {
            List<ManifestEntry> collected = new ArrayList<>();
            Seq cursor = Seq.ZERO;
            boolean hasMore = true;
            for (int pages = 0; hasMore; pages++) {
                assertThat(pages).as("pages for limit %d", limit).isLessThan(20);
                ChangePage page = store.changesSince(vault, cursor, limit);
                long from = cursor.value();
                long to = page.cursor().value();
                assertThat(page.entries()).as("a page holds the seqs after its cursor, in order")
                        .extracting(e -> e.seq().value())
                        .containsExactlyElementsOf(range(from + 1, to));
                assertThat(commitEnds).as("a page ends at a commit boundary").contains(to);
                assertThat(page.entries().size()).as("a page is not cut short").isGreaterThanOrEqualTo(
                        (int) Math.min(limit, head - from));
                long previousEnd = commitEnds.stream().filter(end -> end < to).reduce(from, Math::max);
                assertThat(previousEnd - from).as("a page stops after the commit that reaches the limit")
                        .isLessThan(limit);
                assertThat(page.hasMore()).as("hasMore says whether the log goes on").isEqualTo(to < head);
                collected.addAll(page.entries());
                cursor = page.cursor();
                hasMore = page.hasMore();
            }
            assertThat(collected).as("limit %d", limit).containsExactlyElementsOf(all);
            assertThat(cursor).isEqualTo(Seq.of(head));
        }
    }

    @Test
    void changesSince_atTheHead_isEmptyWithNoMore() {
        commit(0, write(0, live("x", 1, 1, "x")), write(0, live("y", 1, 2, "y")));

        ChangePage atHead = store.changesSince(vault, Seq.of(2), 10);
        ChangePage fresh = store.changesSince(newVaultWithAdmin(), Seq.ZERO, 10);

        assertThat(atHead.entries()).isEmpty();
        assertThat(atHead.cursor()).isEqualTo(Seq.of(2));
        assertThat(atHead.hasMore()).isFalse();
        assertThat(fresh.entries()).isEmpty();
        assertThat(fresh.cursor()).isEqualTo(Seq.ZERO);
        assertThat(fresh.hasMore()).isFalse();
    }

    // ----- listing -----

    @Test
    void files_smallLimit_pagesByPathWithTombstonesUntilNextIsNull() {
        // ASCII letters, digits and '/' only: every store's key order agrees with String order here.
        List<String> names = List.of("zeta", "dir/file02", "alpha", "dir2/x", "dir/file01", "gone");
        long seq = 0;
        for (String name : names) {
            commit(seq, write(0, live(name, 1, seq + 1, name)));
            seq++;
        }
        commit(seq, write(1, ManifestEntry.tombstone(path("gone"), FileVersion.of(2), admin.id(), Seq.of(seq + 1), T0)));

        List<ManifestEntry> collected = new ArrayList<>();
        VaultPath after = null;
        for (int pages = 0; pages < 10; pages++) {
            FilePage page = store.files(vault, after, 2);
            assertThat(page.entries()).hasSizeLessThanOrEqualTo(2);
            collected.addAll(page.entries());
            after = page.next();
            if (after == null) {
                break;
            }
            assertThat(after).isEqualTo(page.entries().get(page.entries().size() - 1).path());
        }

        assertThat(after).as("the listing ends").isNull();
        assertThat(collected).extracting(e -> e.path().value())
                .containsExactly("alpha", "dir/file01", "dir/file02", "dir2/x", "gone", "zeta");
        assertThat(collected).filteredOn(ManifestEntry::deleted).extracting(e -> e.path().value()).containsExactly("gone");
        assertThat(store.files(vault, path("dir/file01"), 10).entries()).extracting(e -> e.path().value())
                .containsExactly("dir/file02", "dir2/x", "gone", "zeta");
        assertThat(store.files(vault, null, 100).next()).isNull();
        assertThat(store.files(newVaultWithAdmin(), null, 10).entries()).isEmpty();
    }

    // ----- history -----

    @Test
    void history_severalVersions_newestFirstWithLimitAndVersionLookup() {
        ManifestEntry v1 = live("h.txt", 1, 1, "one");
        ManifestEntry v2 = live("h.txt", 2, 2, "two");
        ManifestEntry v3 = ManifestEntry.tombstone(path("h.txt"), FileVersion.of(3), admin.id(), Seq.of(3), T0);
        ManifestEntry v4 = live("h.txt", 4, 4, "four");
        commit(0, write(0, v1));
        commit(1, write(1, v2));
        commit(2, write(2, v3));
        commit(3, write(3, v4));

        assertThat(store.history(vault, path("h.txt"), 10)).containsExactly(v4, v3, v2, v1);
        assertThat(store.history(vault, path("h.txt"), 2)).containsExactly(v4, v3);
        assertThat(store.version(vault, path("h.txt"), FileVersion.of(2))).contains(v2);
        assertThat(store.version(vault, path("h.txt"), FileVersion.of(3))).contains(v3);
        assertThat(store.version(vault, path("h.txt"), FileVersion.of(9))).isEmpty();
        assertThat(store.history(vault, path("never"), 10)).isEmpty();
    }

    @Test
    void history_pathsSharingAPrefix_areKeptApart() {
        List<String> names = List.of("a", "a#1", "a/b", "ab", "a b", "a%23");
        long seq = 0;
        for (String name : names) {
            commit(seq, write(0, live(name, 1, seq + 1, name)));
            seq++;
        }
        commit(seq, write(1, live("a", 2, seq + 1, "a-2")));

        for (String name : names) {
            List<ManifestEntry> history = store.history(vault, path(name), 10);
            assertThat(history).as(name).isNotEmpty().allSatisfy(e -> assertThat(e.path()).isEqualTo(path(name)));
        }
        assertThat(store.history(vault, path("a"), 10)).hasSize(2);
        assertThat(store.version(vault, path("a#1"), FileVersion.of(2))).isEmpty();
    }

    // ----- paths -----

    @Test
    void commit_pathsWithReservedAndUnicodeCharacters_roundTrip() {
        List<String> names = List.of(
                "Ordner/Übersicht ñ 😀.txt",
                "odd/#hash?query=%41&x+y 'q' \"dq\"",
                "日本語/ファイル.md",
                "x".repeat(VaultPath.MAX_BYTES - 4) + "/end");
        long seq = 0;
        List<ManifestEntry> written = new ArrayList<>();
        for (String name : names) {
            ManifestEntry e = live(name, 1, seq + 1, name);
            assertThat(commit(seq, write(0, e))).as(name).isEqualTo(CommitAttempt.APPLIED);
            written.add(e);
            seq++;
        }

        for (ManifestEntry e : written) {
            assertThat(store.entries(vault, List.of(e.path()))).containsEntry(e.path(), e);
            assertThat(store.history(vault, e.path(), 5)).containsExactly(e);
            assertThat(store.version(vault, e.path(), FileVersion.of(1))).contains(e);
        }
        assertThat(store.changesSince(vault, Seq.ZERO, 100).entries()).containsExactlyElementsOf(written);
        assertThat(store.files(vault, null, 100).entries()).containsExactlyInAnyOrderElementsOf(written);
    }

    // ----- concurrent committers -----

    @Test
    void concurrentCommitters_samePath_exactlyOneWinnerPerVersionNoLostUpdateGapFreeSeq() throws Exception {
        int commits = commitsPerThread();
        VaultPath contended = path("contended/file.txt");
        ConcurrentCommitters committers = new ConcurrentCommitters(store, vault, committerThreads());

        ConcurrentCommitters.Outcome outcome = committers.samePath(contended, commits, concurrentCommitTimeout());

        List<ConcurrentCommitters.Win> wins = outcome.wins();
        long won = wins.size();
        assertThat(wins).as("exactly one winner per version").extracting(ConcurrentCommitters.Win::version)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(range(1, won));
        // Each of a thread's attempts either wins or sees a version someone won since its last look.
        assertThat(won).isGreaterThanOrEqualTo(commits);
        assertThat(outcome.conflicts() + won).isEqualTo((long) committerThreads() * commits);

        ManifestEntry current = store.entries(vault, List.of(contended)).get(contended);
        assertThat(current.version().value()).as("no lost update").isEqualTo(won);
        Map<Long, ConcurrentCommitters.Win> byVersion = new HashMap<>();
        wins.forEach(w -> byVersion.put(w.version(), w));
        assertThat(current.hash()).isEqualTo(byVersion.get(won).hash());
        assertThat(store.history(vault, contended, (int) won + 10)).hasSize((int) won)
                .allSatisfy(e -> assertThat(e.hash()).isEqualTo(byVersion.get(e.version().value()).hash()));

        assertSeqGapFreeAndMatches(wins);
    }

    @Test
    void concurrentCommitters_ownPaths_everyCommitLandsGapFreeSeq() throws Exception {
        int commits = Math.max(10, commitsPerThread() / 4);
        ConcurrentCommitters committers = new ConcurrentCommitters(store, vault, committerThreads());

        ConcurrentCommitters.Outcome outcome = committers.ownPaths("own", commits, concurrentCommitTimeout());

        assertThat(outcome.conflicts()).isZero();
        assertThat(outcome.wins()).hasSize(committerThreads() * commits);
        for (int t = 0; t < committerThreads(); t++) {
            VaultPath own = path("own/thread-" + t);
            assertThat(store.entries(vault, List.of(own)).get(own).version().value()).isEqualTo(commits);
        }
        assertSeqGapFreeAndMatches(outcome.wins());
    }

    /**
     * Touches and chmods racing content commits of one path: a metadata-only commit is as conditional
     * as a content commit (docs/reconcile.md, "Metadata"), so each version has exactly one writer, who
     * wrote it over the version it had seen; every other attempt was told of a conflict; and the
     * stored entry and history are exactly the winners' content, time and bit.
     */
    @Test
    void concurrentCommitters_metadataOnlyAndContentCommitsOfOnePath_noLostUpdateNoSkippedVersion() throws Exception {
        int commits = Math.max(20, commitsPerThread() / 2);
        VaultPath contended = path("contended/touched.sh");
        ConcurrentCommitters committers = new ConcurrentCommitters(store, vault, committerThreads());

        ConcurrentCommitters.Outcome outcome = committers.contentAndMetadata(contended, commits, concurrentCommitTimeout());

        List<ConcurrentCommitters.Win> wins = outcome.wins();
        long won = wins.size();
        assertThat(wins).as("exactly one winner per version, none skipped").extracting(ConcurrentCommitters.Win::version)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(range(1, won));
        assertThat(wins).as("every write lands over the version its writer saw")
                .allSatisfy(w -> assertThat(w.version()).isEqualTo(w.base() + 1));
        assertThat(wins).as("metadata-only commits landed too").anySatisfy(w -> assertThat(w.thread() % 2).isEqualTo(1));
        assertThat(outcome.conflicts() + won - 1).as("every attempt not applied was a conflict")
                .isEqualTo((long) committerThreads() * commits);

        Map<Long, ConcurrentCommitters.Win> byVersion = new HashMap<>();
        wins.forEach(w -> byVersion.put(w.version(), w));
        ManifestEntry current = store.entries(vault, List.of(contended)).get(contended);
        assertThat(current.version().value()).as("no lost update").isEqualTo(won);
        assertThat(store.history(vault, contended, (int) won + 10)).hasSize((int) won).allSatisfy(e -> {
            ConcurrentCommitters.Win win = byVersion.get(e.version().value());
            assertThat(tuple(e.hash(), e.mtimeMillis(), e.executable()))
                    .isEqualTo(tuple(win.hash(), win.mtime(), win.executable()));
        });
        assertThat(tuple(current.hash(), current.mtimeMillis(), current.executable()))
                .isEqualTo(tuple(byVersion.get(won).hash(), byVersion.get(won).mtime(), byVersion.get(won).executable()));
        assertSeqGapFreeAndMatches(wins);
    }

    /** How many threads commit at once; at least 8 for the contract to count. */
    protected int committerThreads() {
        return Integer.getInteger("skysync.contract.threads", 8);
    }

    /** How many commits each thread sends; at least 200 for the contract to count. */
    protected int commitsPerThread() {
        return Integer.getInteger("skysync.contract.commitsPerThread", 200);
    }

    /** How long the committers may take; raise it, not lower the counts, for a slow emulator. */
    protected Duration concurrentCommitTimeout() {
        return Duration.ofSeconds(Long.getLong("skysync.contract.timeoutSeconds", 600));
    }

    private void assertSeqGapFreeAndMatches(List<ConcurrentCommitters.Win> wins) {
        long head = store.vault(vault).orElseThrow().seq().value();
        assertThat(head).isEqualTo(wins.size());
        List<ManifestEntry> log = readAllChanges(Seq.ZERO, 500);
        assertThat(log).as("gap-free, duplicate-free seq").extracting(e -> e.seq().value())
                .containsExactlyElementsOf(range(1, head));
        assertThat(wins).extracting(ConcurrentCommitters.Win::seq).containsExactlyInAnyOrderElementsOf(range(1, head));
        Map<Long, ConcurrentCommitters.Win> bySeq = new HashMap<>();
        wins.forEach(w -> bySeq.put(w.seq(), w));
        assertThat(log).allSatisfy(e -> {
            ConcurrentCommitters.Win win = bySeq.get(e.seq().value());
            assertThat(e.path().value()).isEqualTo(win.path());
            assertThat(e.version().value()).isEqualTo(win.version());
            assertThat(e.hash()).isEqualTo(win.hash());
        });
    }

    // ----- helpers for this suite and its subclasses -----

    protected VaultId newVaultWithAdmin() {
        VaultId other = newVault();
        assertThat(store.createVault(other, device("admin-of-" + other.value().hashCode(), Role.ADMIN), T0)).isTrue();
        return other;
    }

    protected static DeviceRecord device(String name, Role role) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return new DeviceRecord(new DeviceId(id), name, role,
                ContentHash.ofBytes(("token of " + name).getBytes(StandardCharsets.UTF_8)).hex(),
                T0, T0, Seq.ZERO, false);
    }

    protected static VaultPath path(String value) {
        return VaultPath.of(value);
    }

    protected static ContentHash hashOf(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    protected ManifestEntry live(String path, long version, long seq, String content) {
        return ManifestEntry.live(path(path), FileVersion.of(version), hashOf(content), content.length(),
                T0.toEpochMilli() - 1000 * version, admin.id(), Seq.of(seq), T0.plusMillis(seq));
    }

    protected static EntryWrite write(long expectedVersion, ManifestEntry entry) {
        return new EntryWrite(FileVersion.of(expectedVersion), entry);
    }

    protected CommitAttempt commit(long expectedSeq, EntryWrite... writes) {
        return store.commit(vault, Seq.of(expectedSeq), List.of(writes), T0.plusMillis(expectedSeq));
    }

    /** Reads the whole change log after {@code from}, page by page. */
    protected List<ManifestEntry> readAllChanges(Seq from, int limit) {
        List<ManifestEntry> all = new ArrayList<>();
        Seq cursor = from;
        ChangePage page;
        do {
            page = store.changesSince(vault, cursor, limit);
            all.addAll(page.entries());
            assertThat(page.cursor()).isGreaterThanOrEqualTo(cursor);
            if (page.hasMore()) {
                assertThat(page.entries()).as("a page before the end is not empty").isNotEmpty();
            }
            cursor = page.cursor();
        } while (page.hasMore());
        return all;
    }

    private void assertNothingWrittenAfter(long head, Map<VaultPath, ManifestEntry> expected, VaultPath absent) {
        assertThat(store.vault(vault).orElseThrow().seq()).isEqualTo(Seq.of(head));
        List<VaultPath> paths = new ArrayList<>(expected.keySet());
        paths.add(absent);
        assertThat(store.entries(vault, paths)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(store.changesSince(vault, Seq.of(head), 100).entries()).isEmpty();
        expected.forEach((p, e) -> assertThat(store.history(vault, p, 10)).containsExactly(e));
        assertThat(store.history(vault, absent, 10)).isEmpty();
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = fromInclusive; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }
}
