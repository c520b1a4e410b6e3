package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryIndex;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger: what the index learns from each outcome, and when it is written. */
class RunLedgerTest {
    private static final VaultPath A = VaultPath.of("a.txt");
    private final MemoryIndex index = new MemoryIndex();
    private final List<String> said = new ArrayList<>();
    private final Progress progress = new Progress() {
        @Override
        public void file(String verb, String path) {
            said.add(verb + " " + path);
        }

        @Override
        public void warn(String message) {
            said.add("warn " + message);
        }
    };

    private RunLedger ledger(Map<VaultPath, IndexRow> rows) {
        PlanInput input = new PlanInput(rows, Map.of(), p -> false,
                new RemoteView(Map.of(), false, 0, Map.of(), Map.of(), List.of(), List.of(), 0),
                SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"), PlanFixtures.NOW);
        return new RunLedger(input, index, progress, 40);
    }

    @Test
    void checkpoint_writesOnlyWhenSomethingChanged_withTheOldCursor() {
        RunLedger ledger = ledger(Map.of());
        ledger.checkpoint();
        assertThat(index.saves()).isEmpty();

        ledger.book.setRemote(A, RemoteFile.live(FileVersion.of(1), PlanFixtures.hash("a"), 1, 1));
        ledger.checkpoint();

        assertThat(index.saves()).containsExactly(40L);
    }

    @Test
    void committed_recordsTheNewVersionWithTheLocalContent_andSaysSent() {
        RunLedger ledger = ledger(Map.of());
        LocalFile file = PlanFixtures.local(A, "c", 5);

        ledger.committed(new Step.Commit(A, FileVersion.of(3), file, RemoteFile.ABSENT),
                new CommitResultDto("a.txt", CommitStatus.COMMITTED, 4L, 41L, null));
        ledger.finish(40);

        assertThat(index.load().get(A).ancestor().version()).isEqualTo(FileVersion.of(4));
        assertThat(index.load().get(A).ancestor().content()).isEqualTo(PlanFixtures.hash("c"));
        assertThat(index.cursor()).as("the run's own seq right after the feed's cursor").isEqualTo(41);
        assertThat(said).containsExactly("sent a.txt");
        assertThat(ledger.report.uploaded()).containsExactly("a.txt");
    }

    @Test
    void committedDeletionWithoutANewVersion_isRecordedAsNoEntry() {
        RunLedger ledger = ledger(Map.of());

        ledger.committed(new Step.Commit(A, FileVersion.NONE, null, RemoteFile.ABSENT),
                new CommitResultDto("a.txt", CommitStatus.COMMITTED, null, null, null));

        assertThat(ledger.book.row(A).ancestor().version()).isEqualTo(FileVersion.NONE);
        assertThat(ledger.report.deletedRemote()).containsExactly("a.txt");
    }

    @Test
    void renamed_movesTheLocalFileToTheCopy_andReportsTheConflict() {
        LocalFile mine = PlanFixtures.local(A, "c", 5);
        RunLedger ledger = ledger(Map.of(A, PlanFixtures.row(A, "a@3", mine)));
        VaultPath copyPath = VaultPath.of("a.conflict-me.txt");
        LocalFile copy = new LocalFile(copyPath, copyPath.value(), 1, 5, "k", mine.hash());

        ledger.renamed(new Step.KeepBoth(A, RemoteFile.ABSENT, mine, copyPath, copyPath.value()), copy);

        assertThat(ledger.local()).containsOnlyKeys(copyPath);
        assertThat(ledger.book.row(A).local()).isNull();
        assertThat(ledger.book.row(copyPath).localHash()).isEqualTo(mine.hash());
        assertThat(ledger.report.conflicts()).singleElement().satisfies(c -> assertThat(c.copy()).isEqualTo(copyPath.value()));
    }

    @Test
    void failed_isReportedAndSaid() {
        RunLedger ledger = ledger(Map.of());

        ledger.failed(A, "Permission denied");

        assertThat(ledger.report.failures()).containsExactly(new SyncReport.Failure("a.txt", "Permission denied"));
        assertThat(said).containsExactly("warn a.txt: Permission denied");
    }
}
