package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.sync.Step;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words a dry run and a status use for each step. */
class ReportPrinterTest {
    private static final ContentHash H = ContentHash.ofBytes(new byte[] {1});
    private static final LocalFile FILE = new LocalFile(VaultPath.of("a.txt"), "a.txt", 1, 1, "k", H);
    private static final RemoteFile REMOTE = RemoteFile.live(FileVersion.of(2), H, 1, 1);

    private static final List<Step> STEPS = List.of(
            new Step.Commit(VaultPath.of("new.txt"), FileVersion.NONE, FILE, RemoteFile.ABSENT),
            new Step.Commit(VaultPath.of("changed.txt"), FileVersion.of(3), FILE, REMOTE),
            new Step.Commit(VaultPath.of("gone.txt"), FileVersion.of(3), null, REMOTE),
            new Step.Fetch(VaultPath.of("fresh.txt"), REMOTE, null),
            new Step.Fetch(VaultPath.of("theirs.txt"), REMOTE, FILE),
            new Step.RemoveLocal(VaultPath.of("deleted.txt"), RemoteFile.tombstone(FileVersion.of(4)), FILE),
            new Step.KeepBoth(VaultPath.of("both.txt"), REMOTE, FILE, VaultPath.of("both.conflict-x.txt"), "both.conflict-x.txt"),
            new Step.Hold(VaultPath.of("held.txt"), "local change waits for a push", Step.Hold.Why.OTHER_DIRECTION),
            new Step.Hold(VaultPath.of("clash.txt"), "changed on both sides", Step.Hold.Why.CONFLICT),
            new Step.Fail(VaultPath.of("long.txt"), "no conflict copy name fits"),
            new Step.Adopt(VaultPath.of("same.txt"), REMOTE));

    @Test
    void describe_everyStepButAnAdoption_getsOneLine() {
        assertThat(ReportPrinter.describe(STEPS)).containsExactly(
                "  send new:        new.txt",
                "  send change:     changed.txt",
                "  delete remotely: gone.txt",
                "  fetch new:       fresh.txt",
                "  fetch change:    theirs.txt",
                "  delete here:     deleted.txt",
                "  conflict (keep both): both.txt",
                "  waiting: local change waits for a push: held.txt",
                "  conflict: changed on both sides: clash.txt",
                "  cannot sync: no conflict copy name fits: long.txt");
    }

    @Test
    void planned_namesTheActionOfEveryStep_withTheReasonOfHoldsAndFailures() {
        List<Map<String, Object>> planned = ReportPrinter.planned(STEPS);

        assertThat(planned).extracting(m -> m.get("action")).containsExactly("upload", "upload", "delete-remote", "download",
                "download", "delete-local", "conflict", "waiting", "conflict", "failed", "adopt");
        assertThat(planned.get(9)).containsEntry("reason", "no conflict copy name fits");
        assertThat(planned.get(7)).containsEntry("reason", "local change waits for a push");
        assertThat(planned.get(0)).doesNotContainKey("reason");
    }

    @Test
    void bytes_areSaidInUnitsPeopleRead() {
        assertThat(ReportPrinter.bytes(512)).isEqualTo("512 B");
        assertThat(ReportPrinter.bytes(2048)).isEqualTo("2.0 KiB");
        assertThat(ReportPrinter.bytes(3L * 1024 * 1024 + 1024 * 512)).isEqualTo("3.5 MiB");
    }
}
