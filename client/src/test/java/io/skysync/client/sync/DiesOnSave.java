package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.Map;

/** An index whose run dies at its {@code n}th write: before it writes anything of it, or right after. */
final class DiesOnSave implements IndexStore {
    private final IndexStore index;
    private final boolean writes;
    private int left;

    private DiesOnSave(IndexStore index, int n, boolean writes) {
        this.index = index;
        this.left = n;
        this.writes = writes;
    }

    static DiesOnSave before(IndexStore index, int n) {
        return new DiesOnSave(index, n, false);
    }

    static DiesOnSave after(IndexStore index, int n) {
        return new DiesOnSave(index, n, true);
    }

    @Override
    public Map<VaultPath, IndexRow> load() {
        return index.load();
    }

    @Override
    public long cursor() {
        return index.cursor();
    }

    @Override
    public boolean fresh() {
        return index.fresh();
    }

    @Override
    public ChunkIndex chunks() {
        return index.chunks();
    }

    @Override
    public void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor) {
        boolean dies = --left == 0;
        if (dies && !writes) {
            throw new IllegalStateException("the run died before this index write");
        }
        index.save(rows, removed, cursor);
        if (dies) {
            throw new IllegalStateException("the run died after this index write");
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
