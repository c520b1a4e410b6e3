package io.skysync.client.sync;

import io.skysync.client.index.FrozenMap;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The index rows as a run changes them; only the rows that really changed are written back. The
 * rows the run started from are kept as they are and the changed ones beside them, so a run that
 * changes nothing (a no-op) copies no row.
 */
final class RowBook {
    private final Map<VaultPath, IndexRow> initial;
    private final Map<VaultPath, IndexRow> changed = new HashMap<>();
    private final Set<VaultPath> dirty = new LinkedHashSet<>();
    private long racyFromNanos = Long.MAX_VALUE;

    RowBook(Map<VaultPath, IndexRow> initial) {
        this.initial = FrozenMap.of(initial);
    }

    IndexRow row(VaultPath path) {
        IndexRow row = current(path);
        return row != null ? row : IndexRow.empty(path);
    }

    Map<VaultPath, IndexRow> rows() {
        if (changed.isEmpty()) {
            return initial;
        }
        Map<VaultPath, IndexRow> all = new HashMap<>(initial);
        all.putAll(changed);
        return Map.copyOf(all);
    }

    /**
     * The scan's view of every file: refreshes the hash cache, forgets files that are gone. Files
     * modified at or after {@code racyFromNanos} (by the user or by this run) are cached without
     * their time, so a same-size write in the same timestamp tick is never taken as unchanged. The run books
     * its {@link Candidates} only (below); this visits every path, as that must equal ({@code CandidatesTest}).
     */
    void applyScan(Map<VaultPath, LocalFile> files, Predicate<VaultPath> excluded, long racyFromNanos) {
        this.racyFromNanos = racyFromNanos;
        for (LocalFile file : files.values()) {
            // The cache first: on a no-op it holds every file, and the exclusion rules need not be asked.
            if (!cached(file) && !excluded.test(file.path())) {
                setLocal(file.path(), file);
            }
        }
        // Nothing changed yet (a no-op): the index's own paths, without a list of them all.
        for (VaultPath path : changed.isEmpty() ? initial.keySet() : paths()) {
            if (!files.containsKey(path) && !excluded.test(path) && current(path).isLocallyPresent()) {
                setLocal(path, null);
            }
        }
    }

    /**
     * The same for the run's {@link Candidates} only: a quiet path's file is the one its row records, so
     * {@link #applyScan(Map, Predicate, long)} would leave its row as it is; every file the row does not
     * record, and every row without a file, is a candidate.
     */
    void applyScan(Collection<VaultPath> candidates, Map<VaultPath, LocalFile> files, Predicate<VaultPath> excluded,
                   long racyFromNanos) {
        this.racyFromNanos = racyFromNanos;
        for (VaultPath path : candidates) {
            LocalFile file = files.get(path);
            if (file != null) {
                if (!cached(file) && !excluded.test(path)) {
                    setLocal(path, file);
                }
                continue;
            }
            IndexRow row = current(path);
            if (row != null && row.isLocallyPresent() && !excluded.test(path)) {
                setLocal(path, null);
            }
        }
    }

    /** Remembers the remote state seen, so a change this run cannot apply is not lost when the cursor moves on. */
    void applyRemote(RemoteView view) {
        view.entries().forEach(this::setRemote);
        if (view.complete()) {
            for (VaultPath path : paths()) {
                if (!view.entries().containsKey(path) && !current(path).remote().version().isNone()) {
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

    boolean hasChanges() {
        return !dirty.isEmpty();
    }

    List<IndexRow> changed() {
        return dirty.stream().map(this::current).filter(r -> !r.isEmpty()).toList();
    }

    List<VaultPath> removed() {
        return dirty.stream().filter(p -> current(p).isEmpty()).toList();
    }

    private IndexRow current(VaultPath path) {
        IndexRow row = changed.get(path);
        return row != null ? row : initial.get(path);
    }

    /** Every path with a row, as of now. */
    private List<VaultPath> paths() {
        List<VaultPath> out = new ArrayList<>(initial.keySet());
        changed.keySet().stream().filter(p -> !initial.containsKey(p)).forEach(out::add);
        return out;
    }

    /** What {@link #setLocal} would write is what the row holds already: the common case, checked without a new row. */
    private boolean cached(LocalFile file) {
        IndexRow row = current(file.path());
        if (row == null || row.local() == null || !row.localName().equals(file.localName())) {
            return false;
        }
        LocalStat stat = row.local();
        long mtime = file.mtimeNanos() >= racyFromNanos ? LocalStat.UNTRUSTED_MTIME : file.mtimeNanos();
        return stat.size() == file.size() && stat.mtimeNanos() == mtime && Objects.equals(stat.fileKey(), file.fileKey())
                && stat.hash().equals(file.hash());
    }

    /** Only a real change is written back: a no-op sync writes no row. */
    private void put(IndexRow row) {
        IndexRow now = current(row.path());
        if (row.equals(now) || (row.isEmpty() && now == null)) {
            return;
        }
        changed.put(row.path(), row);
        dirty.add(row.path());
    }
}
