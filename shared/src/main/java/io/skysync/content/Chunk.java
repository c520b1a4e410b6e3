package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.util.Objects;

/** One chunk a recipe names: its blob's id and its size in bytes. */
public record Chunk(ContentHash id, int size) {
    public Chunk {
        Objects.requireNonNull(id, "id");
        if (size < 1 || size > ChunkParams.MAX_CHUNK) {
            throw new IllegalArgumentException("a chunk has 1 to " + ChunkParams.MAX_CHUNK + " bytes, not " + size);
        }
    }
}
