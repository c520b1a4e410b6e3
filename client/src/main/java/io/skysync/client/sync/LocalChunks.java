package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import java.util.Map;
import java.util.Objects;

/**
 * What a chunked download may reuse: the index's chunk lists, and the local file the scan found
 * for each content (one per content; any holds the same bytes).
 */
record LocalChunks(ChunkIndex index, Map<ContentHash, LocalFile> holders) {
    /** No lists and no files: only the version being replaced is cut to find its chunks. */
    static final LocalChunks NONE = new LocalChunks(ChunkIndex.NONE, Map.of());

    LocalChunks {
        Objects.requireNonNull(index, "index");
        holders = Map.copyOf(holders);
    }
}
