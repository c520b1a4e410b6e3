package io.skysync.client.testing;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link IndexStore} in a map, recording each save's cursor: for unit tests of the stages. */
public final class MemoryIndex implements IndexStore {
    private final Map<VaultPath, IndexRow> rows = new HashMap<>();
    private final List<Long> saves = new ArrayList<>();
    private long cursor;

    @Override
    public Map<VaultPath, IndexRow> load() {
        return new HashMap<>(rows);
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public boolean fresh() {
        return saves.isEmpty();
    }

    @Override
    public void save(Collection<IndexRow> changed, Collection<VaultPath> removed, long newCursor) {
        changed.forEach(r -> rows.put(r.path(), r));
        removed.forEach(rows::remove);
        cursor = newCursor;
        saves.add(newCursor);
    }

    /** The cursor of every save so far, in order. */
    public List<Long> saves() {
        return List.copyOf(saves);
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
