package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
 * Pure: no I/O.
 */
final class Lineage {
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

    private static IndexRow withAncestor(IndexRow r, long version, ContentHash hash) {
        return new IndexRow(r.path(), r.localName(), r.size(), r.mtimeNanos(), r.fileKey(), r.localHash(), version, hash,
                r.remoteVersion(), r.remoteHash(), r.remoteSize(), r.remoteMtime());
    }
}
