package io.skysync.client.index;

import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.Map;

/**
 * The local index of a synced folder. The sync engine reads it once at the start; it writes what
 * it saw before acting and after each keep-both rename (with the old cursor), and all its changes
 * with the new cursor at the end, each write one transaction: a crash leaves the state of the last
 * write, and the next sync redoes the work (commits are idempotent, and the engine recognises by
 * content what a lost run already did).
 */
public interface IndexStore extends AutoCloseable {

    /** Every row, by path: for the caller to read, never to change (the run's stages share it). */
    Map<VaultPath, IndexRow> load();

    /** The last change-feed position applied (0 before the first sync). */
    long cursor();

    /** True if the index was created empty this time (first sync, or rebuilt after loss or corruption). */
    boolean fresh();

    /** True if a corrupt index was found, moved aside and replaced by an empty one when opening. */
    default boolean recovered() {
        return false;
    }

    /** The chunk lists of the contents this device cut or assembled ({@link ChunkIndex#NONE} if it keeps none). */
    default ChunkIndex chunks() {
        return ChunkIndex.NONE;
    }

    /** Upserts {@code rows}, deletes {@code removed} and stores {@code cursor}, all or nothing. */
    void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor);

    @Override
    void close();
}
