package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.scan.Scanner;
import io.skysync.client.testing.Device;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sync engine between two folders, over the real API code (in-memory stores) on loopback:
 * fast enough to cover the rules one by one. The same scenarios run against the real local
 * backend in {@code e2e}.
 */
class TwoDeviceSyncTest extends TwoDevices {
    @Test
    void sync_createsEditsDeletesNestedAndEmpty_converge() {
        a.write("top.txt", "one").write("deep/er/nested.txt", "two").write("empty.txt", "");
        b.write("from-b.md", "three");
        syncBoth();
        assertThat(b.tree()).isEqualTo(a.tree()).containsKeys("top.txt", "deep/er/nested.txt", "empty.txt", "from-b.md");

        a.write("top.txt", "one, edited");
        b.delete("from-b.md");
        syncBoth();
        assertThat(a.tree()).isEqualTo(b.tree()).doesNotContainKey("from-b.md");
        assertThat(b.read("top.txt")).isEqualTo("one, edited");
    }

    @Test
    void sync_rename_uploadsNoContentAndRemovesOldName() {
        a.write("docs/report.txt", "a long report");
        syncBoth();
        backend.resetCounts();

        a.move("docs/report.txt", "archive/report-2024.txt");
        SyncReportAssert.clean(a.sync());
        SyncReportAssert.clean(b.sync());

        assertThat(backend.count("blob[PUT]")).isZero();
        assertThat(backend.count("blob[GET]")).as("b copies the content it already holds").isZero();
        assertThat(b.tree()).isEqualTo(a.tree()).containsOnlyKeys("archive/report-2024.txt");
        assertThat(b.exists("docs")).as("a folder emptied on a, not deleted there, stays on both").isTrue();
        assertThat(a.exists("docs")).isTrue();
    }

    @Test
    void sync_secondRunWithNoChange_doesNothingWithOneApiCall() {
        for (int i = 0; i < 30; i++) {
            a.write("f" + i + ".txt", "content " + i);
        }
        writtenAMinuteAgo(a);
        syncBoth();
        backend.resetCounts();

        SyncReport again = a.sync();

        assertThat(again.hashed()).isZero();
        assertThat(again.uploaded()).isEmpty();
        assertThat(again.downloaded()).isEmpty();
        assertThat(backend.count("api")).isEqualTo(1);
        assertThat(backend.count("blob")).isZero();
    }

    @Test
    void sync_concurrentEditKeepBoth_bothDevicesHaveRemoteUnderNameAndLocalAsCopy() {
        a.write("notes.txt", "base");
        syncBoth();
        a.write("notes.txt", "from a");
        b.write("notes.txt", "from b");
        b.withClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

        SyncReportAssert.clean(a.sync());
        SyncReport bReport = b.sync();
        a.sync();

        assertThat(bReport.conflicts()).hasSize(1);
        String copy = "notes.conflict-b-20260102-030405.txt";
        assertThat(a.read("notes.txt")).isEqualTo("from a");
        assertThat(b.read("notes.txt")).isEqualTo("from a");
        assertThat(a.read(copy)).isEqualTo("from b");
        assertThat(b.read(copy)).isEqualTo("from b");
        assertThat(a.tree()).isEqualTo(b.tree());
    }

    @Test
    void sync_concurrentEditKeepLocal_localVersionWinsEverywhere() {
        a.write("n.txt", "base");
        syncBoth();
        a.write("n.txt", "from a");
        b.write("n.txt", "from b");
        a.sync();
        b.sync(b.options(ConflictPolicy.KEEP_LOCAL));
        a.sync();
        assertThat(a.read("n.txt")).isEqualTo("from b");
        assertThat(b.tree()).isEqualTo(a.tree()).containsOnlyKeys("n.txt");
    }

    @Test
    void sync_concurrentEditKeepRemote_remoteVersionWinsEverywhere() {
        a.write("n.txt", "base");
        syncBoth();
        a.write("n.txt", "from a");
        b.write("n.txt", "from b");
        a.sync();
        b.sync(b.options(ConflictPolicy.KEEP_REMOTE));
        a.sync();
        assertThat(b.read("n.txt")).isEqualTo("from a");
        assertThat(b.tree()).isEqualTo(a.tree()).containsOnlyKeys("n.txt");
    }

    @Test
    void sync_concurrentEditNewest_laterModificationWins() throws IOException {
        a.write("n.txt", "base");
        syncBoth();
        a.write("n.txt", "older, from a");
        b.write("n.txt", "newer, from b");
        Files.setLastModifiedTime(a.root.resolve("n.txt"), FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(b.root.resolve("n.txt"), FileTime.fromMillis(2_000_000));
        a.sync(a.options(ConflictPolicy.NEWEST));
        b.sync(b.options(ConflictPolicy.NEWEST));
        a.sync(a.options(ConflictPolicy.NEWEST));
        assertThat(a.read("n.txt")).isEqualTo("newer, from b");
        assertThat(b.tree()).isEqualTo(a.tree());
    }

    @Test
    void sync_modifiedHereDeletedThere_modificationWins() {
        a.write("keep.txt", "v1").write("other.txt", "so the folder is not emptied");
        syncBoth();
        a.write("keep.txt", "v2 from a");
        b.delete("keep.txt");
        b.sync();
        a.sync();
        b.sync();
        assertThat(a.read("keep.txt")).isEqualTo("v2 from a");
        assertThat(b.read("keep.txt")).isEqualTo("v2 from a");
    }

    @Test
    void sync_deletedHereModifiedThere_modificationWins() {
        a.write("keep.txt", "v1").write("other.txt", "so the folder is not emptied");
        syncBoth();
        a.delete("keep.txt");
        b.write("keep.txt", "v2 from b");
        b.sync();
        a.sync();
        assertThat(a.read("keep.txt")).isEqualTo("v2 from b");
    }

    @Test
    void sync_unicodeNfdHereNfcThere_sameFile() {
        String nfd = "cafe\u0301.txt";
        a.write(nfd, "coffee");
        syncBoth();
        assertThat(b.exists("caf\u00e9.txt")).isTrue();
        b.write("caf\u00e9.txt", "more coffee");
        b.sync();
        SyncReport report = a.sync();
        assertThat(report.conflicts()).isEmpty();
        assertThat(a.read(nfd)).as("written back under the name already on disk").isEqualTo("more coffee");
        assertThat(a.tree()).isEqualTo(b.tree());
    }

    @Test
    void sync_emptiedRoot_stopsBeforeDeletingAnything() throws IOException {
        for (int i = 0; i < 5; i++) {
            a.write("f" + i, "x" + i);
        }
        syncBoth();
        for (int i = 0; i < 5; i++) {
            a.delete("f" + i);
        }
        assertThatThrownBy(() -> a.sync()).isInstanceOf(SafetyStop.class).hasMessageContaining("--allow-mass-delete");
        b.sync();
        assertThat(b.tree()).hasSize(5);
    }

    @Test
    void sync_deletingSixtyPercent_needsConfirmationOnEveryDevice() {
        for (int i = 0; i < 10; i++) {
            a.write("f" + i, "x" + i);
        }
        syncBoth();
        for (int i = 0; i < 6; i++) {
            a.delete("f" + i);
        }
        assertThatThrownBy(() -> a.sync()).isInstanceOf(SafetyStop.class).hasMessageContaining("6 of the vault's 10");
        b.sync();
        assertThat(b.tree()).hasSize(10);

        a.sync(a.options(ConflictPolicy.KEEP_BOTH).withMassDelete(50, true));
        assertThatThrownBy(() -> b.sync()).as("the guard weighs deletions here too").isInstanceOf(SafetyStop.class)
                .hasMessageContaining("(0 remotely, 6 here)");
        assertThat(b.tree()).hasSize(10);
        b.sync(b.options(ConflictPolicy.KEEP_BOTH).withMassDelete(50, true));
        assertThat(b.tree()).hasSize(4);
    }

    @Test
    void sync_afterIndexLost_uploadsNothingAndNoConflict() throws IOException {
        for (int i = 0; i < 20; i++) {
            a.write("d/f" + i, "content " + i);
        }
        writtenAMinuteAgo(a);
        syncBoth();
        Files.delete(a.root.resolve(".skysync/index.db"));
        Files.deleteIfExists(a.root.resolve(".skysync/index.db-wal"));
        Files.deleteIfExists(a.root.resolve(".skysync/index.db-shm"));
        backend.resetCounts();

        SyncReport report = a.sync();

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.failures()).isEmpty();
        assertThat(report.uploaded()).isEmpty();
        assertThat(report.downloaded()).isEmpty();
        assertThat(backend.count("blob")).isZero();
        assertThat(a.sync().hashed()).isZero();
    }

    @Test
    void sync_corruptIndex_isRebuiltWithoutConflicts() throws IOException {
        a.write("x.txt", "x");
        syncBoth();
        Files.deleteIfExists(a.root.resolve(".skysync/index.db-wal"));
        Files.deleteIfExists(a.root.resolve(".skysync/index.db-shm"));
        Files.writeString(a.root.resolve(".skysync/index.db"), "this is not a database at all, it is garbage".repeat(100));

        SyncReport report = a.sync();

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.uploaded()).isEmpty();
        assertThat(report.indexRebuilt()).isTrue();
        assertThat(a.read("x.txt")).isEqualTo("x");
    }

    @Test
    void sync_ignoreFileAndSymlink_areNotSynced() throws IOException {
        a.write(".skysyncignore", "*.tmp\nbuild/\n");
        a.write("keep.txt", "k").write("skip.tmp", "s").write("build/out.bin", "o");
        Files.createSymbolicLink(a.root.resolve("link"), a.root.resolve("keep.txt"));
        SyncReport report = a.sync();
        b.sync();
        assertThat(b.tree()).containsOnlyKeys(".skysyncignore", "keep.txt");
        assertThat(report.warnings()).anyMatch(w -> w.contains("symlink link"));
    }

    @Test
    void sync_transientBlobFailures_areRetried() {
        a.write("r.txt", "retry me");
        backend.failNextBlobRequests(500, 503);
        SyncReportAssert.clean(a.sync());
        backend.failNextBlobRequests(500);
        SyncReportAssert.clean(b.sync());
        assertThat(b.read("r.txt")).isEqualTo("retry me");
    }

    @Test
    void sync_expiredUploadUrl_isAskedAgainFromUploadUrlsNotByAnotherPlan() {
        a.write("e.txt", "expire");
        backend.resetCounts();
        backend.failNextBlobRequests(403);
        SyncReportAssert.clean(a.sync());
        assertThat(backend.count("api[POST plan]")).isEqualTo(1);
        assertThat(backend.count("api[POST upload-urls]")).isEqualTo(2);
        b.sync();
        assertThat(b.read("e.txt")).isEqualTo("expire");
    }

    @Test
    void sync_targetFolderThatCannotBeWritten_failsThoseFilesWithTheSystemsWords_onceEach() throws Exception {
        a.write("locked/keep.txt", "k").write("other.txt", "o");
        syncBoth();
        Path locked = b.root.resolve("locked");
        boolean immutable = lock(locked, true);
        try {
            Assumptions.assumeTrue(immutable || !"root".equals(System.getProperty("user.name")),
                    "as root only an immutable folder (chattr +i) refuses a write, and chattr is not available here");
            if (!immutable) {
                locked.toFile().setWritable(false);
            }
            a.write("locked/new.txt", "n").write("free.txt", "f");
            a.sync();
            backend.resetCounts();

            SyncReport report = b.sync();

            assertThat(report.failures()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("locked/new.txt");
                assertThat(f.reason()).matches(".*(Operation not permitted|Permission denied).*");
            });
            assertThat(b.read("free.txt")).isEqualTo("f");
            assertThat(backend.count("blob[GET]")).as("downloaded once, the local error never retried").isEqualTo(2);
        } finally {
            lock(locked, false);
            locked.toFile().setWritable(true);
        }
        SyncReportAssert.clean(b.sync());
        assertThat(b.read("locked/new.txt")).isEqualTo("n");
    }

    @Test
    void sync_conflictOnAPathTooLongForACopy_failsThatFileOnly_theRestSyncs() {
        String deep = ("d".repeat(249) + "/").repeat(4) + "f.txt";
        a.write(deep, "base");
        syncBoth();
        a.write(deep, "from a").write("unrelated.txt", "u");
        b.write(deep, "from b");
        a.sync();

        SyncReport report = b.sync();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(deep);
            assertThat(f.reason()).contains("no conflict copy name fits");
        });
        assertThat(b.read("unrelated.txt")).isEqualTo("u");
        assertThat(b.read(deep)).as("the local edit is kept").isEqualTo("from b");
    }

    /** chattr +i / -i, where it works (root on ext4 and the like); false where it does not. */
    private static boolean lock(Path folder, boolean on) {
        try {
            Process p = new ProcessBuilder("chattr", on ? "+i" : "-i", folder.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Small helpers for report checks. */
    static final class SyncReportAssert {
        static void clean(SyncReport report) {
            assertThat(report.failures()).isEmpty();
            assertThat(report.conflicts()).isEmpty();
        }
    }

    /**
     * Files modified within {@link Scanner#RACY_WINDOW} of a scan are re-hashed
     * on the next one (a same-size write in the same tick could otherwise go unseen); tests that
     * count hashing start from files written a while ago, as a user's usually are.
     */
    private static void writtenAMinuteAgo(Device device) {
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (Stream<Path> files = Files.walk(device.root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.setLastModifiedTime(f, past);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
