package io.skysync.client.sync;

import io.skysync.client.index.FrozenMap;
import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Everything a plan is a function of: the index, the scan, the remote view, the run's options
 * (policy, direction, role) and the moment (for conflict copy names). Nothing else.
 *
 * @param rows the ancestors, as {@link Lineage} repaired them (what the run records)
 * @param indexed the rows as the index held them when the run began: content proves a repaired
 *     ancestor, never its metadata, so the metadata rule weighs these; a run's later rounds keep them
 *     (they re-plan conflicts, whose paths the run has not changed)
 * @param excluded paths this run leaves alone on both sides (ignored, or unreadable now)
 * @param repaired whether {@code rows} already are what {@link Lineage#repair} makes of {@code indexed} against
 *     {@code local} and {@code view} (the engine's first plan, on the rows its {@link Fetcher} repaired): a repair
 *     is idempotent for a given view, so the planner need not run it again
 */
record PlanInput(Map<VaultPath, IndexRow> rows, Map<VaultPath, IndexRow> indexed, Map<VaultPath, LocalFile> local,
                 Predicate<VaultPath> excluded, RemoteView view, SyncOptions options, Instant now, boolean repaired) {
    PlanInput {
        // Nothing repaired (a no-op): the index's rows are both. Maps frozen already (the index's, the scan's) are not copied.
        Map<VaultPath, IndexRow> given = rows;
        rows = FrozenMap.of(rows);
        indexed = indexed == given ? rows : FrozenMap.of(indexed);
        local = FrozenMap.of(local);
        Objects.requireNonNull(excluded, "excluded");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");
    }

    /** Rows the planner repairs itself. */
    PlanInput(Map<VaultPath, IndexRow> rows, Map<VaultPath, IndexRow> indexed, Map<VaultPath, LocalFile> local,
              Predicate<VaultPath> excluded, RemoteView view, SyncOptions options, Instant now) {
        this(rows, indexed, local, excluded, view, options, now, false);
    }

    /** A plan whose rows are the index's as they are (nothing repaired). */
    PlanInput(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, Predicate<VaultPath> excluded,
              RemoteView view, SyncOptions options, Instant now) {
        this(rows, rows, local, excluded, view, options, now);
    }

    /** The first plan of a run: {@code repaired} is what {@link Lineage#repair} made of {@code indexed} against {@code view}. */
    static PlanInput repaired(Map<VaultPath, IndexRow> repaired, Map<VaultPath, IndexRow> indexed,
                              Map<VaultPath, LocalFile> local, Predicate<VaultPath> excluded, RemoteView view,
                              SyncOptions options, Instant now) {
        return new PlanInput(repaired, indexed, local, excluded, view, options, now, true);
    }

    /** The same run, later: rows and local files as the run has changed them, the remote as last answered (repaired again). */
    PlanInput after(Map<VaultPath, IndexRow> newRows, Map<VaultPath, LocalFile> newLocal, RemoteView newView) {
        return new PlanInput(newRows, indexed, newLocal, excluded, newView, options, now);
    }
}
