package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The index rows as a run changes them, written back in one transaction at the end. */
final class RowBook {
    /** Stored as the modification time of a racily-clean file: matches no real time, so the next scan re-hashes it. */
    static final long UNTRUSTED_MTIME = Long.MIN_VALUE;
    private final Map<VaultPath, IndexRow> rows;
    private final Set<VaultPath> dirty = new LinkedHashSet<>();
    private long racyFromNanos = Long.MAX_VALUE;

    RowBook(Map<VaultPath, IndexRow> initial) {
        this.rows = new HashMap<>(initial);
    }

    IndexRow row(VaultPath path) {
        IndexRow row = rows.get(path);
        return row != null ? row : new IndexRow(path, path.value(), 0, 0, null, null, 0, null, 0, null, 0, 0);
    }

    /**
     * The scan's view of every file: refreshes the hash cache, forgets files that are gone. Files
     * modified at or after {@code racyFromNanos} (by the user or by this run) are cached without
     * their time, so a same-size write in the same timestamp tick is never taken as unchanged.
     */
    void applyScan(Map<VaultPath, LocalFile> files, Predicate<VaultPath> excluded, long racyFromNanos) {
        this.racyFromNanos = racyFromNanos;
        for (LocalFile file : files.values()) {
            if (!excluded.test(file.path())) {
                setLocal(file.path(), file);
            }
        }
        for (VaultPath path : new ArrayList<>(rows.keySet())) {
            if (!files.containsKey(path) && !excluded.test(path) && rows.get(path).localHash() != null) {
                setLocal(path, null);
            }
        }
    }

    /** Remembers the remote state seen, so a change this run cannot apply is not lost when the cursor moves on. */
    void applyRemote(RemoteView view) {
        for (ManifestEntry entry : view.entries().values()) {
            setRemote(entry.path(), RemoteFile.of(entry));
        }
        if (view.complete()) {
            for (VaultPath path : new ArrayList<>(rows.keySet())) {
                if (!view.entries().containsKey(path) && rows.get(path).remoteVersion() != 0) {
                    setRemote(path, RemoteFile.ABSENT);
                }
            }
        }
    }

    void setLocal(VaultPath path, LocalFile file) {
        IndexRow r = row(path);
        IndexRow next = file == null
                ? new IndexRow(path, r.localName(), 0, 0, null, null, r.syncedVersion(), r.syncedHash(),
                r.remoteVersion(), r.remoteHash(), r.remoteSize(), r.remoteMtime())
                : new IndexRow(path, file.localName(), file.size(),
                file.mtimeNanos() >= racyFromNanos ? UNTRUSTED_MTIME : file.mtimeNanos(), file.fileKey(), file.hash(),
                r.syncedVersion(), r.syncedHash(), r.remoteVersion(), r.remoteHash(), r.remoteSize(), r.remoteMtime());
        put(next);
    }

    void setRemote(VaultPath path, RemoteFile remote) {
        IndexRow r = row(path);
        put(new IndexRow(path, r.localName(), r.size(), r.mtimeNanos(), r.fileKey(), r.localHash(), r.syncedVersion(),
                r.syncedHash(), remote.version(), remote.hash(), remote.size(), remote.mtimeMillis()));
    }

    /** Both sides now agree on {@code remote}: it becomes the ancestor, and the known remote state. */
    void setSynced(VaultPath path, RemoteFile remote) {
        IndexRow r = row(path);
        put(new IndexRow(path, r.localName(), r.size(), r.mtimeNanos(), r.fileKey(), r.localHash(), remote.version(),
                remote.hash(), remote.version(), remote.hash(), remote.size(), remote.mtimeMillis()));
    }

    /** Only a real change is written back: a no-op sync writes no row. */
    private void put(IndexRow row) {
        if (row.equals(rows.get(row.path()))) {
            return;
        }
        rows.put(row.path(), row);
        dirty.add(row.path());
    }

    boolean hasChanges() {
        return !dirty.isEmpty();
    }

    List<IndexRow> changed() {
        return dirty.stream().map(rows::get).filter(r -> !r.isEmpty()).toList();
    }

    List<VaultPath> removed() {
        return dirty.stream().filter(p -> rows.get(p).isEmpty()).toList();
    }
}
