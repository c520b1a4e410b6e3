package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guards, weighed on plans: deletions on either side, an emptied root. */
class GuardsTest {
    private static final Path ROOT = Path.of("/home/me/notes");

    /**
     * {@code files} synced files; {@code goneHere} of them deleted locally, {@code goneThere} deleted
     * remotely (tombstones), each planned as the engine would.
     */
    private static PlanInput synced(int files, int goneHere, int goneThere, SyncOptions options) {
        Map<VaultPath, IndexRow> rows = new HashMap<>();
        Map<VaultPath, LocalFile> local = new HashMap<>();
        Map<VaultPath, RemoteFile> entries = new HashMap<>();
        for (int i = 0; i < files; i++) {
            VaultPath path = VaultPath.of("f" + i);
            LocalFile file = PlanFixtures.local(path, "a", 1);
            rows.put(path, PlanFixtures.row(path, "a@3", file));
            if (i >= goneHere) {
                local.put(path, file);
            }
            if (i >= files - goneThere) {
                entries.put(path, remote("deleted@5"));
            }
        }
        RemoteView view = new RemoteView(entries, false, 9, Map.of(), Map.of(), List.of(), List.of(), 1);
        return new PlanInput(rows, local, p -> false, view, options, PlanFixtures.NOW);
    }

    private static void check(PlanInput input) {
        Guards.check(input, Planner.plan(input), ROOT);
    }

    @ParameterizedTest(name = "{0} files, {1} gone here, {2} gone there, max {3}% -> stops {4}")
    @CsvSource({
            "10, 6, 0, 50, true",
            "10, 0, 6, 50, true",
            "10, 3, 3, 50, true",
            "10, 5, 0, 50, false",
            "10, 0, 5, 50, false",
            "10, 2, 2, 50, false",
            "4,  2, 0, 10, false",
            "100, 0, 11, 10, true",
            "100, 0, 10, 10, false",
            "10, 6, 0, 100, false",
            "10, 0, 3, 0, true"})
    void massDelete_countsDeletionsOnBothSides(int files, int here, int there, int percent, boolean stops) {
        PlanInput input = synced(files, here, there, SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me")
                .withMassDelete(percent, false));

        if (stops) {
            assertThatThrownBy(() -> check(input)).isInstanceOf(SafetyStop.class)
                    .hasMessageContaining("(" + here + " remotely, " + there + " here)")
                    .hasMessageContaining("--allow-mass-delete");
        } else {
            assertThatCode(() -> check(input)).doesNotThrowAnyException();
        }
    }

    @Test
    void massDelete_confirmed_passes() {
        PlanInput input = synced(10, 6, 4, SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me").withMassDelete(50, true));

        assertThatCode(() -> check(input)).doesNotThrowAnyException();
    }

    @Test
    void massDelete_ofThreeFilesOrMore_isTheSmallestThatStops() {
        SyncOptions strict = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me").withMassDelete(0, false);

        assertThatCode(() -> check(synced(3, 2, 0, strict))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(synced(4, 3, 0, strict))).isInstanceOf(SafetyStop.class);
        assertThat(Guards.MASS_DELETE_MIN).isEqualTo(3);
    }

    @Test
    void emptiedRoot_withSyncedFiles_stopsAndSaysWhy() {
        PlanInput input = synced(5, 5, 0, SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me").withMassDelete(100, false));

        assertThatThrownBy(() -> check(input)).isInstanceOf(SafetyStop.class)
                .hasMessageContaining("the folder " + ROOT + " is empty but 5 files were synced from it")
                .hasMessageContaining("unmounted drive");
    }

    @Test
    void emptiedRoot_confirmed_orNeverSynced_passes() {
        SyncOptions allow = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me").withMassDelete(50, true);
        PlanInput fresh = new PlanInput(Map.of(), Map.of(), p -> false,
                new RemoteView(Map.of(), true, 0, Map.of(), Map.of(), List.of(), List.of(), 1),
                SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"), PlanFixtures.NOW);

        assertThatCode(() -> check(synced(5, 5, 0, allow))).doesNotThrowAnyException();
        assertThatCode(() -> check(fresh)).doesNotThrowAnyException();
    }
}
