package io.skysync.client.index;

import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.Map;

/**
 * The local index of a synced folder. The sync engine reads it once at the start and writes all
 * its changes, with the new cursor, in one transaction at the end: a crash in between leaves the
 * previous consistent state, and the next sync redoes the work (commits are idempotent).
 */
public interface IndexStore extends AutoCloseable {

    /** Every row, by path. */
    Map<VaultPath, IndexRow> load();

    /** The last change-feed position applied (0 before the first sync). */
    long cursor();

    /** True if the index was created empty this time (first sync, or rebuilt after loss or corruption). */
    boolean fresh();

    /** True if a corrupt index was found, moved aside and replaced by an empty one when opening. */
    default boolean recovered() {
        return false;
    }

    /** Upserts {@code rows}, deletes {@code removed} and stores {@code cursor}, all or nothing. */
    void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor);

    @Override
    void close();
}
