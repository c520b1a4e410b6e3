package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The paths a run must weigh (pure): every other path is <em>quiet</em> and provably has nothing to
 * do, so lineage repair, the history look-ups, the plan and the bookkeeping of the scan visit the
 * candidates only, and a no-op of a large tree costs one pass here instead of one per stage.
 *
 * <p>A path is quiet when all of these hold, and a candidate otherwise:
 * <ol>
 *   <li>it has an index row and a local file, and the view is not a complete listing (where a path
 *       it does not name has no entry: a deletion to weigh);</li>
 *   <li>the remote feed did not name it, and it has no history read and none that failed: its
 *       remote state is the row's;</li>
 *   <li>the row is settled: its ancestor is that remote state, live, and the local content is its content,
 *       so the three-way rule answers "nothing" ({@code Reconciler}) and {@link Lineage} has
 *       nothing to repair or suspect;</li>
 *   <li>the local file's metadata agree with the remote's ({@link MetadataRule#agrees}): no time or
 *       bit step, and no history in doubt;</li>
 *   <li>the row records the local file as it is (name, size, time, file key, content) and the time
 *       is before {@code racyFromNanos}: the bookkeeping of the scan would write the row as it is.</li>
 * </ol>
 * The names a plan reserves (conflict copies, case folds) and the folder rules still see every
 * path; only what is <em>decided</em> is limited. {@code CandidatesTest} checks, on many random
 * inputs, that planning, repairing and booking the candidates equals doing it for every path.
 */
final class Candidates {
    private Candidates() {
    }

    /**
     * The candidates of a run: every path known to {@code rows}, {@code local} or the view's entries that is not quiet.
     * Histories read later stay within them: {@link Fetcher} reads the history of candidates only.
     */
    static Set<VaultPath> of(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view,
                             long racyFromNanos) {
        Set<VaultPath> out = new HashSet<>();
        if (view.complete()) {
            out.addAll(rows.keySet());
            out.addAll(local.keySet());
            out.addAll(view.entries().keySet());
            return out;
        }
        int withFile = 0;
        for (IndexRow row : rows.values()) {
            LocalFile file = local.get(row.path());
            if (file == null) {
                out.add(row.path());
                continue;
            }
            withFile++;
            if (!quiet(row, file, racyFromNanos)) {
                out.add(row.path());
            }
        }
        // Every local file has a row (the common case): no second pass to find the new ones.
        if (withFile < local.size()) {
            local.keySet().stream().filter(p -> !rows.containsKey(p)).forEach(out::add);
        }
        out.addAll(view.entries().keySet());
        // A history of a path known nowhere else (none is read for one) makes no path known.
        view.histories().keySet().stream().filter(rows::containsKey).forEach(out::add);
        view.unread().keySet().stream().filter(rows::containsKey).forEach(out::add);
        return out;
    }

    /** Rules 3 to 5 for a path whose remote state is its row's (rules 1 and 2 hold). */
    static boolean quiet(IndexRow row, LocalFile file, long racyFromNanos) {
        RemoteFile remote = row.remote();
        LocalStat seen = row.local();
        Snapshot ancestor = row.ancestor();
        // Field by field, the cheap ones first, without a snapshot of the remote to compare: one call a path.
        ContentHash content = remote.hash();
        return content != null && seen != null && file.mtimeNanos() < racyFromNanos
                && seen.sameStat(file.size(), file.mtimeNanos(), file.fileKey())
                && ancestor.version().equals(remote.version()) && content.equals(ancestor.content())
                && content.equals(file.hash()) && seen.hash().equals(file.hash())
                && row.localName().equals(file.localName()) && MetadataRule.agrees(file, remote);
    }
}
