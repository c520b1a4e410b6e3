package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBookTest {
    private static final VaultPath A = VaultPath.of("a.txt");
    private static final VaultPath B = VaultPath.of("b.txt");

    private static LocalFile file(VaultPath path, String content, long mtimeNanos) {
        return new LocalFile(path, path.value(), 1, mtimeNanos, "k", PlanFixtures.hash(content));
    }

    private static RemoteView view(Map<VaultPath, RemoteFile> entries, boolean complete) {
        return new RemoteView(entries, complete, 9, Map.of(), Map.of(), List.of(), List.of(), 1);
    }

    @Test
    void applyScan_sameFilesAsTheIndex_changesNothing() {
        LocalFile a = file(A, "a", 100);
        RowBook book = new RowBook(Map.of(A, IndexRow.scanned(A, "a.txt", a.stat())));

        book.applyScan(Map.of(A, a), p -> false, Long.MAX_VALUE);

        assertThat(book.hasChanges()).isFalse();
        assertThat(book.changed()).isEmpty();
    }

    @Test
    void applyScan_fileModifiedInTheRacyWindow_isCachedWithoutItsTime() {
        RowBook book = new RowBook(Map.of());

        book.applyScan(Map.of(A, file(A, "a", 5_000), B, file(B, "b", 100)), p -> false, 1_000);

        assertThat(book.row(A).local().mtimeNanos()).isEqualTo(LocalStat.UNTRUSTED_MTIME);
        assertThat(book.row(B).local().mtimeNanos()).isEqualTo(100);
    }

    @Test
    void applyScan_fileGone_forgetsItsScanButKeepsWhatWasSynced() {
        IndexRow synced = IndexRow.scanned(A, "a.txt", file(A, "a", 1).stat())
                .syncedTo(RemoteFile.live(FileVersion.of(3), PlanFixtures.hash("a"), 1, 1));
        RowBook book = new RowBook(Map.of(A, synced));

        book.applyScan(Map.of(), p -> false, Long.MAX_VALUE);

        assertThat(book.row(A).local()).isNull();
        assertThat(book.row(A).ancestor()).isEqualTo(synced.ancestor());
        assertThat(book.changed()).hasSize(1);
    }

    @Test
    void applyScan_excludedPath_isLeftAsItWas() {
        IndexRow row = IndexRow.scanned(A, "a.txt", file(A, "a", 1).stat());
        RowBook book = new RowBook(Map.of(A, row));

        book.applyScan(Map.of(), p -> true, Long.MAX_VALUE);

        assertThat(book.row(A)).isEqualTo(row);
        assertThat(book.hasChanges()).isFalse();
    }

    @Test
    void applyRemote_completeView_marksUnlistedPathsAbsent_partialViewKeepsThem() {
        IndexRow seen = IndexRow.empty(A).withRemote(RemoteFile.live(FileVersion.of(2), PlanFixtures.hash("a"), 1, 1));
        RowBook partial = new RowBook(Map.of(A, seen));
        RowBook complete = new RowBook(Map.of(A, seen));

        partial.applyRemote(view(Map.of(), false));
        complete.applyRemote(view(Map.of(), true));

        assertThat(partial.row(A).remote().version()).isEqualTo(FileVersion.of(2));
        assertThat(complete.row(A).remote()).isEqualTo(RemoteFile.ABSENT);
    }

    @Test
    void emptyRow_isRemovedNotWritten() {
        IndexRow onlyRemote = IndexRow.empty(A).withRemote(RemoteFile.tombstone(FileVersion.of(2)));
        RowBook book = new RowBook(Map.of(A, onlyRemote));

        book.setRemote(A, RemoteFile.ABSENT);

        assertThat(book.removed()).containsExactly(A);
        assertThat(book.changed()).isEmpty();
    }

    @Test
    void setRemote_ofAPathNeverSeen_toAbsent_writesNothing() {
        RowBook book = new RowBook(Map.of());

        book.setRemote(B, RemoteFile.ABSENT);

        assertThat(book.hasChanges()).isFalse();
    }

    @Test
    void setSynced_makesTheRemoteTheAncestorAndTheLastSeen() {
        RowBook book = new RowBook(Map.of());
        RemoteFile v4 = RemoteFile.live(FileVersion.of(4), PlanFixtures.hash("b"), 1, 7);

        book.setSynced(B, v4);

        assertThat(book.row(B).ancestor()).isEqualTo(v4.snapshot());
        assertThat(book.row(B).remote()).isEqualTo(v4);
        assertThat(book.rows()).containsOnlyKeys(B);
    }
}
