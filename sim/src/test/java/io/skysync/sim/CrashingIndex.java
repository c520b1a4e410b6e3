package io.skysync.sim;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.Map;

/** An index whose process may die right before or right after its one transaction. */
final class CrashingIndex implements IndexStore {
    private final IndexStore inner;
    private final FaultPlan plan;

    CrashingIndex(IndexStore inner, FaultPlan plan) {
        this.inner = inner;
        this.plan = plan;
    }

    @Override
    public Map<VaultPath, IndexRow> load() {
        return inner.load();
    }

    @Override
    public long cursor() {
        return inner.cursor();
    }

    @Override
    public boolean fresh() {
        return inner.fresh();
    }

    @Override
    public boolean recovered() {
        return inner.recovered();
    }

    /** The inner index's chunk lists: the simulated devices reuse chunks across files as real ones do. */
    @Override
    public ChunkIndex chunks() {
        return inner.chunks();
    }

    @Override
    public void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor) {
        plan.maybeCrash("before the index transaction", 0.03);
        inner.save(rows, removed, cursor);
        plan.maybeCrash("after the index transaction", 0.01);
    }

    @Override
    public void close() {
        inner.close();
    }
}
