package io.skysync.client.sync;

import io.skysync.api.EntryDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.Action;
import io.skysync.reconcile.Reconciler;
import io.skysync.reconcile.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Moves a path's ancestor forward when content equality proves the local file descends from a
 * newer remote version than the index records. That record goes missing when a run dies between
 * a server-side effect and the index transaction at its end: a commit applied (or its answer
 * lost) and a download placed are facts the index never learned. Without this, the next run sees
 * "changed on both sides" and makes a conflict copy where only one side changed.
 *
 * <p>Blobs are content-addressed and every version stays in history, so "the local file holds the
 * content of remote version V" means nothing is lost by treating V as the common ancestor:
 * <ol>
 *   <li>the local file holds the content of the remote version this device last saw (it
 *       downloaded it, or uploaded it, and the record was lost);</li>
 *   <li>the current remote version holds the content the previous scan saw here (this device's
 *       own commit, whose answer or record was lost), and the local file changed since: the change
 *       was made on top of that version.</li>
 * </ol>
 * Both rules are pure (no I/O) and cover the common crashes. What they cannot see (the record of a
 * whole earlier run is lost, say) {@link #fromHistory} settles for the few paths that still look
 * like a conflict: if the path's history holds the local content, the local file is a past version
 * and the remote one descends from it.
 */
final class Lineage {
    private static final int HISTORY_LIMIT = 1000;

    private Lineage() {
    }

    static Map<VaultPath, IndexRow> repair(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view) {
        Map<VaultPath, IndexRow> out = new HashMap<>(rows);
        for (IndexRow row : rows.values()) {
            LocalFile file = local.get(row.path());
            ContentHash now = file == null ? null : file.hash();
            IndexRow repaired = row;
            if (now != null && row.remoteVersion() > row.syncedVersion() && now.equals(row.remoteHash())) {
                repaired = withAncestor(row, row.remoteVersion(), row.remoteHash());
            }
            RemoteFile current = Planner.remoteOf(row.path(), row, view);
            if (current.live() && current.version() > repaired.syncedVersion() && current.hash().equals(row.localHash())
                    && !Objects.equals(now, current.hash())) {
                repaired = withAncestor(repaired, current.version(), current.hash());
            }
            if (repaired != row) {
                out.put(row.path(), repaired);
            }
        }
        return out;
    }

    /**
     * For every path the three-way rule would call a conflict, asks the server for its history
     * (one call per such path, so only where a conflict copy is at stake) and, if a version holds
     * the local content, takes the newest such version as the ancestor.
     */
    static Looked fromHistory(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, RemoteView view,
                              Predicate<VaultPath> excluded, RemoteVault remote) {
        Map<VaultPath, IndexRow> out = new HashMap<>(rows);
        int calls = 0;
        for (LocalFile file : local.values()) {
            VaultPath path = file.path();
            IndexRow row = rows.get(path);
            Snapshot ancestor = row == null ? Snapshot.ABSENT : row.ancestor();
            RemoteFile current = Planner.remoteOf(path, row, view);
            if (excluded.test(path) || !(Reconciler.reconcile(ancestor, file.hash(), current.snapshot()) instanceof Action.Conflict)) {
                continue;
            }
            List<EntryDto> versions;
            try {
                calls++;
                versions = remote.history(path, HISTORY_LIMIT).versions();
            } catch (SkysyncException e) {
                continue;
            }
            long best = 0;
            for (EntryDto v : versions) {
                if (!v.deleted() && file.hash().hex().equals(v.hash()) && v.version() <= current.version() && v.version() > best) {
                    best = v.version();
                }
            }
            if (best > ancestor.version().value()) {
                IndexRow base = row != null ? row : new IndexRow(path, file.localName(), file.size(), file.mtimeNanos(),
                        file.fileKey(), file.hash(), 0, null, 0, null, 0, 0);
                out.put(path, withAncestor(base, best, file.hash()));
            }
        }
        return new Looked(out, calls);
    }

    /** The rows with ancestors found in history, and how many API calls it took. */
    record Looked(Map<VaultPath, IndexRow> rows, int apiCalls) {
    }

    private static IndexRow withAncestor(IndexRow r, long version, ContentHash hash) {
        return new IndexRow(r.path(), r.localName(), r.size(), r.mtimeNanos(), r.fileKey(), r.localHash(), version, hash,
                r.remoteVersion(), r.remoteHash(), r.remoteSize(), r.remoteMtime());
    }
}
