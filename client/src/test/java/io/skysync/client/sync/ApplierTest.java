package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryIndex;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply stage: each step carried out or failed for its path alone, each outcome in the ledger. */
class ApplierTest {
    @TempDir
    Path root;
    final MemoryIndex index = new MemoryIndex();
    RunLedger ledger;
    Applier applier;
    StagingArea staging;

    @BeforeEach
    void applier() throws IOException {
        PlanInput input = new PlanInput(Map.of(), Map.of(), p -> false,
                new RemoteView(Map.of(), false, 0, Map.of(), Map.of(), List.of(), List.of(), 0),
                SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"), PlanFixtures.NOW);
        ledger = new RunLedger(input, index, Progress.NONE, 7);
        SafeRoot safe = new SafeRoot(root);
        staging = new StagingArea(safe);
        staging.prepare();
        applier = new Applier(new LocalPlacer(safe, staging), ledger);
    }

    private LocalFile scanned(String rel, String content) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LocalFile(VaultPath.of(rel), rel, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                String.valueOf(a.fileKey()), ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static RemoteFile remote(String content) {
        return RemoteFile.live(FileVersion.of(4), ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8)),
                content.length(), 0);
    }

    @Test
    void prepare_keepBoth_renamesTheLocalFile_commitsTheCopy_fetchesTheOriginal_andCheckpointsOnce() throws IOException {
        LocalFile mine = scanned("n.txt", "mine");
        Step.KeepBoth both = new Step.KeepBoth(VaultPath.of("n.txt"), remote("theirs"), mine, VaultPath.of("n.c.txt"), "n.c.txt");

        Applier.Round round = applier.prepare(List.of(both, new Step.Adopt(VaultPath.of("same.txt"), remote("s"))));

        assertThat(root.resolve("n.c.txt")).hasContent("mine");
        assertThat(root.resolve("n.txt")).doesNotExist();
        assertThat(round.commits()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo(VaultPath.of("n.c.txt"));
            assertThat(c.base()).isEqualTo(FileVersion.NONE);
        });
        assertThat(round.fetches()).singleElement().satisfies(f -> assertThat(f.expectedLocal()).isNull());
        assertThat(index.saves()).containsExactly(7L);
        assertThat(ledger.report.conflicts()).singleElement().satisfies(c -> assertThat(c.copy()).isEqualTo("n.c.txt"));
    }

    @Test
    void prepare_keepBothWhoseFileChangedSinceTheScan_failsThatPathOnly_noCheckpoint() throws IOException {
        LocalFile mine = scanned("n.txt", "mine");
        Files.writeString(root.resolve("n.txt"), "mine, edited meanwhile");
        Step.KeepBoth both = new Step.KeepBoth(VaultPath.of("n.txt"), remote("theirs"), mine, VaultPath.of("n.c.txt"), "n.c.txt");

        Applier.Round round = applier.prepare(List.of(both));

        assertThat(round.commits()).isEmpty();
        assertThat(round.fetches()).isEmpty();
        assertThat(ledger.report.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("changed during the sync"));
        assertThat(index.saves()).isEmpty();
        assertThat(root.resolve("n.txt")).hasContent("mine, edited meanwhile");
    }

    @Test
    void prepare_holdsAndFailures_goToTheReportByKind() {
        applier.prepare(List.of(
                new Step.Hold(VaultPath.of("a"), "waits", Step.Hold.Why.OTHER_DIRECTION),
                new Step.Hold(VaultPath.of("b"), "both changed", Step.Hold.Why.CONFLICT),
                new Step.Hold(VaultPath.of("c"), "read-only", Step.Hold.Why.READ_ONLY),
                new Step.Fail(VaultPath.of("d"), "no name fits")));

        assertThat(ledger.report.waiting()).containsExactly("a");
        assertThat(ledger.report.conflicts()).extracting(SyncReport.Conflict::path).containsExactly("b");
        assertThat(ledger.report.readOnlyKept()).containsExactly("c");
        assertThat(ledger.report.failures()).extracting(SyncReport.Failure::path).containsExactly("d");
    }

    @Test
    void place_failedDownloadOrChangedTarget_failsThoseOnly_andPlacesTheRest() throws IOException {
        LocalFile old = scanned("b.txt", "old");
        Files.writeString(root.resolve("b.txt"), "user edit");
        Path ok = staging.newTemp(remote("fine").hash());
        Files.writeString(ok, "fine");
        Path other = staging.newTemp(remote("new").hash());
        Files.writeString(other, "new");
        Step.Fetch a = new Step.Fetch(VaultPath.of("a.txt"), remote("fine"), null);
        Step.Fetch b = new Step.Fetch(VaultPath.of("b.txt"), remote("new"), old);
        Step.Fetch c = new Step.Fetch(VaultPath.of("c.txt"), remote("x"), null);

        applier.place(List.of(new BlobDownloads.Fetched(new BlobDownloads.Job(a, null), ok, null),
                new BlobDownloads.Fetched(new BlobDownloads.Job(b, null), other, null),
                new BlobDownloads.Fetched(new BlobDownloads.Job(c, null), null, "the storage has no such blob")));

        assertThat(root.resolve("a.txt")).hasContent("fine");
        assertThat(root.resolve("b.txt")).hasContent("user edit");
        assertThat(ledger.report.downloaded()).containsExactly("a.txt");
        assertThat(ledger.report.failures()).extracting(SyncReport.Failure::path).containsExactly("b.txt", "c.txt");
        assertThat(ledger.book.row(VaultPath.of("a.txt")).ancestor().version()).isEqualTo(FileVersion.of(4));
        assertThat(root.resolve(".skysync/tmp")).isEmptyDirectory();
    }

    @Test
    void remove_deletesWhatIsAsScanned_keepsWhatChanged() throws IOException {
        LocalFile gone = scanned("gone.txt", "x");
        LocalFile edited = scanned("edited.txt", "y");
        Files.writeString(root.resolve("edited.txt"), "y, edited");
        RemoteFile tombstone = RemoteFile.tombstone(FileVersion.of(5));

        applier.remove(List.of(new Step.RemoveLocal(gone.path(), tombstone, gone),
                new Step.RemoveLocal(edited.path(), tombstone, edited)));

        assertThat(root.resolve("gone.txt")).doesNotExist();
        assertThat(root.resolve("edited.txt")).hasContent("y, edited");
        assertThat(ledger.report.deletedLocal()).containsExactly("gone.txt");
        assertThat(ledger.report.failures()).extracting(SyncReport.Failure::path).containsExactly("edited.txt");
        assertThat(ledger.book.row(gone.path()).ancestor()).isEqualTo(tombstone.snapshot());
    }
}
