package io.skysync.sim;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The index of a simulated device. SQLite cannot live in an in-memory file system, and the engine
 * takes its index by interface, so the simulation keeps the rows in a map with exactly the
 * contract that matters for crashes: {@link #save} is all or nothing, and the state survives the
 * death of the engine that wrote it (the object outlives every engine of the device). The
 * real-backend histories and the CLI crash trials run the real {@code SqliteIndexStore}.
 */
public final class MemoryIndexStore implements IndexStore {
    private Map<VaultPath, IndexRow> rows = new HashMap<>();
    private long cursor;
    private boolean saved;

    @Override
    public synchronized Map<VaultPath, IndexRow> load() {
        return new HashMap<>(rows);
    }

    @Override
    public synchronized long cursor() {
        return cursor;
    }

    @Override
    public synchronized boolean fresh() {
        return !saved;
    }

    @Override
    public synchronized void save(Collection<IndexRow> changed, Collection<VaultPath> removed, long newCursor) {
        Map<VaultPath, IndexRow> next = new HashMap<>(rows);
        changed.forEach(r -> next.put(r.path(), r));
        removed.forEach(next::remove);
        rows = next;
        cursor = newCursor;
        saved = true;
    }

    /** The index is gone (deleted, or moved aside as corrupt): the next sync starts from an empty one. */
    public synchronized void lose() {
        rows = new HashMap<>();
        cursor = 0;
        saved = false;
    }

    @Override
    public void close() {
        // Nothing to release: the state must outlive the engine.
    }
}
