package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.FrozenMap;
import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan's input holds the index's and the scan's maps without copying them, and copies any other map. */
class PlanInputTest {
    private static final VaultPath A = VaultPath.of("a.txt");
    private static final VaultPath B = VaultPath.of("b.txt");
    private static final SyncOptions OPTIONS = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "laptop");

    @Test
    void frozenRowsAndFiles_areHeldAsTheyAre_andTheLedgerKeepsTheSameRows() {
        LocalFile file = PlanFixtures.local(A, "a", PlanFixtures.REMOTE_MTIME);
        Map<VaultPath, IndexRow> rows = FrozenMap.handOver(new HashMap<>(Map.of(A, PlanFixtures.row(A, "a@1", file))));
        Map<VaultPath, LocalFile> local = FrozenMap.handOver(new HashMap<>(Map.of(A, file)));

        PlanInput input = PlanInput.repaired(rows, rows, local, p -> false, view(), OPTIONS, PlanFixtures.NOW);

        assertThat(input.rows()).isSameAs(rows);
        assertThat(input.indexed()).isSameAs(rows);
        assertThat(input.local()).isSameAs(local);
        assertThat(new RowBook(input.rows()).rows()).isSameAs(rows);
        assertThat(Planner.plan(input)).isEmpty();
    }

    @Test
    void mapsSomeoneElseHolds_areCopied_soTheirLaterChangesDoNotReachThePlan() {
        LocalFile file = PlanFixtures.local(A, "a", PlanFixtures.REMOTE_MTIME);
        HashMap<VaultPath, IndexRow> rows = new HashMap<>(Map.of(A, PlanFixtures.row(A, "a@1", file)));
        HashMap<VaultPath, LocalFile> local = new HashMap<>(Map.of(A, file));

        PlanInput input = new PlanInput(rows, local, p -> false, view(), OPTIONS, PlanFixtures.NOW);
        rows.put(B, PlanFixtures.row(B, "b@2", null));
        local.put(B, PlanFixtures.local(B, "b", PlanFixtures.LOCAL_MTIME));

        assertThat(input.rows()).containsOnlyKeys(A);
        assertThat(input.indexed()).containsOnlyKeys(A);
        assertThat(input.local()).containsOnlyKeys(A);
        assertThat(Planner.plan(input)).isEmpty();
    }

    private static RemoteView view() {
        return new RemoteView(Map.of(), false, 1, Map.of(), Map.of(), List.of(), List.of(), 1);
    }
}
