package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The index rows as a run changes them; only the rows that really changed are written back. */
final class RowBook {
    private final Map<VaultPath, IndexRow> rows;
    private final Set<VaultPath> dirty = new LinkedHashSet<>();
    private long racyFromNanos = Long.MAX_VALUE;

    RowBook(Map<VaultPath, IndexRow> initial) {
        this.rows = new HashMap<>(initial);
    }

    IndexRow row(VaultPath path) {
        IndexRow row = rows.get(path);
        return row != null ? row : IndexRow.empty(path);
    }

    Map<VaultPath, IndexRow> rows() {
        return Map.copyOf(rows);
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
            if (!files.containsKey(path) && !excluded.test(path) && rows.get(path).isLocallyPresent()) {
                setLocal(path, null);
            }
        }
    }

    /** Remembers the remote state seen, so a change this run cannot apply is not lost when the cursor moves on. */
    void applyRemote(RemoteView view) {
        view.entries().forEach(this::setRemote);
        if (view.complete()) {
            for (VaultPath path : new ArrayList<>(rows.keySet())) {
                if (!view.entries().containsKey(path) && !rows.get(path).remote().version().isNone()) {
                    setRemote(path, RemoteFile.ABSENT);
                }
            }
        }
    }

    void setLocal(VaultPath path, LocalFile file) {
        IndexRow r = row(path);
        if (file == null) {
            put(r.withoutLocal());
            return;
        }
        LocalStat stat = file.stat();
        put(r.withLocal(file.localName(), file.mtimeNanos() >= racyFromNanos ? stat.untrusted() : stat));
    }

    void setRemote(VaultPath path, RemoteFile remote) {
        put(row(path).withRemote(remote));
    }

    /** Both sides now agree on {@code remote}: it becomes the ancestor, and the known remote state. */
    void setSynced(VaultPath path, RemoteFile remote) {
        put(row(path).syncedTo(remote));
    }

    /** Only a real change is written back: a no-op sync writes no row. */
    private void put(IndexRow row) {
        if (row.equals(rows.get(row.path())) || (row.isEmpty() && !rows.containsKey(row.path()))) {
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
