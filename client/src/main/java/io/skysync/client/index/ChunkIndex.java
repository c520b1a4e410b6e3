package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which chunks this device's files hold (docs/design.md, "Chunk reuse"): for each content it cut
 * (the scan, an upload) or assembled (a download) as chunks, the chunk list. Keyed by content, not by path:
 * the scan binds a file's content to its size, modification time and identity, so a file the scan
 * found with that content holds those chunks at those offsets, a rename or a copy keeps them
 * findable, and a file changed since is hashed again and matches no list. A reader still checks
 * every chunk it takes against its id: the index says where to look, never what is there.
 */
public interface ChunkIndex {
    /** Knows nothing and keeps nothing (an index without chunk lists, as in tests of other stages). */
    ChunkIndex NONE = new ChunkIndex() {
        @Override
        public void record(ChunkList list) {
            // Nothing kept.
        }

        @Override
        public ChunkList list(ContentHash content) {
            return null;
        }

        @Override
        public List<Located> locate(Collection<ContentHash> chunks) {
            return List.of();
        }

        @Override
        public void retain(Set<ContentHash> contents) {
            // Nothing kept.
        }
    };

    /** One place a recorded content holds a chunk: its first offset in that content. */
    record Located(ContentHash chunk, ContentHash content, long offset, int size) {
    }

    /**
     * Records {@code list}, replacing any earlier list of its content.
     *
     * @throws UncheckedIOException if it cannot be written; nothing of it is kept then
     */
    void record(ChunkList list);

    /** The list of {@code content}, or null if none was recorded (or it cannot be read: the file is cut again). */
    ChunkList list(ContentHash content);

    /**
     * Where recorded contents hold {@code chunks}: at most one place per chunk and content, asked in batches.
     *
     * @throws UncheckedIOException if the index cannot be read
     */
    List<Located> locate(Collection<ContentHash> chunks);

    /**
     * Forgets the lists of every content not in {@code contents} (no local file holds it any more).
     *
     * @throws UncheckedIOException if the index cannot be read or written
     */
    void retain(Set<ContentHash> contents);
}
