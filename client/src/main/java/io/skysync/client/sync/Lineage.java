package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the index's ancestor of a path is out of date, because a run died between a server-side
 * effect and the index transaction at its end (a commit applied or its answer lost, a download
 * placed), or the index was lost. Content proves what happened: blobs are content-addressed and
 * every version stays in history, so "the local file holds the content of remote version V" means
 * nothing is lost by taking V as the common ancestor. Pure: no I/O.
 *
 * <ol>
 *   <li>{@link #repair}: the local file holds the remote version this device last saw (it
 *       downloaded or uploaded it and the record was lost) and the remote moved on from it; or the current remote version holds
 *       the content the previous scan saw here (this device's own commit) and the local file
 *       changed since, on top of that version.</li>
 *   <li>{@link #suspect}: what those rules cannot see (a whole run's record lost, a lost index)
 *       only the path's history shows. These are the paths whose history {@link Fetcher} reads (unless excluded):
 *       where the local content differs from both the ancestor and a remote that moved on, so a
 *       conflict copy, an undone deletion or an undone remote change is at stake.</li>
 *   <li>{@link #past}: what the history says, for {@code Reconciler}'s {@code past} argument.</li>
 * </ol>
 */
final class Lineage {
    private Lineage() {
    }

    /** {@code rows} with the repaired ones replaced; {@code rows} itself when none needs it (a no-op copies nothing). */
    static Map<VaultPath, IndexRow> repair(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view) {
        return repair(rows, local, view, rows.values());
    }

    /**
     * The same, looking at the rows of {@code paths} only: the {@link Candidates} of the run, as a quiet
     * path's row (settled, its content here) is never repaired.
     */
    static Map<VaultPath, IndexRow> repair(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view,
                                           Collection<VaultPath> paths) {
        List<IndexRow> some = new ArrayList<>();
        for (VaultPath path : paths) {
            IndexRow row = rows.get(path);
            if (row != null) {
                some.add(row);
            }
        }
        return repair(rows, local, view, some);
    }

    private static Map<VaultPath, IndexRow> repair(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local,
                                                   RemoteView view, Iterable<IndexRow> which) {
        Map<VaultPath, IndexRow> out = null;
        for (IndexRow row : which) {
            LocalFile file = local.get(row.path());
            ContentHash now = file == null ? null : file.hash();
            RemoteFile current = view.remoteOf(row.path(), row);
            if (now != null && current.live() && now.equals(current.hash())) {
                // The content rule adopts it as it is. A repair would prove the content only, yet claim the
                // remote's time and bit as synced: recorded before they are set here (a checkpoint, then a
                // crash), the next run would commit this file's old ones over them (MetadataCrashSyncTest).
                continue;
            }
            IndexRow repaired = row;
            RemoteFile seen = row.remote();
            if (now != null && seen.version().compareTo(row.synced().version()) > 0 && now.equals(seen.hash())) {
                repaired = repaired.withSynced(seen.snapshot());
            }
            if (current.live() && current.version().compareTo(repaired.synced().version()) > 0
                    && current.hash().equals(row.localHash()) && !Objects.equals(now, current.hash())) {
                repaired = repaired.withSynced(current.snapshot());
            }
            if (repaired != row) {
                if (out == null) {
                    out = new HashMap<>(rows);
                }
                out.put(row.path(), repaired);
            }
        }
        return out == null ? rows : out;
    }

    /**
     * Whether {@code file}'s history is needed: its content differs from both its ancestor ({@code row}, repaired)
     * and the remote version {@code current}, which moved on from that ancestor.
     */
    static boolean suspect(LocalFile file, IndexRow row, RemoteFile current) {
        Snapshot ancestor = row == null ? Snapshot.ABSENT : row.ancestor();
        return !file.hash().equals(ancestor.content()) && !file.hash().equals(current.hash())
                && current.version().compareTo(ancestor.version()) > 0;
    }

    /** The newest live version in {@code history} holding {@code content}, no newer than {@code remote}. */
    static Snapshot past(List<ManifestEntry> history, ContentHash content, FileVersion remote) {
        if (history.isEmpty()) {
            return Snapshot.ABSENT;
        }
        ManifestEntry best = null;
        for (ManifestEntry v : history) {
            if (!v.deleted() && v.hash().equals(content) && v.version().compareTo(remote) <= 0
                    && (best == null || v.version().compareTo(best.version()) > 0)) {
                best = v;
            }
        }
        return best == null ? Snapshot.ABSENT : Snapshot.live(best.version().value(), best.hash());
    }
}
