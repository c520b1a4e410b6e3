package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.util.List;
import java.util.Objects;

/** One chunk a recipe names: its blob's id and its size in bytes. */
public record Chunk(ContentHash id, int size) {
    public Chunk {
        Objects.requireNonNull(id, "id");
        if (size < 1 || size > ChunkParams.MAX_CHUNK) {
            throw new IllegalArgumentException("a chunk has 1 to " + ChunkParams.MAX_CHUNK + " bytes, not " + size);
        }
    }

    /** Where each of {@code chunks}, laid end to end in order, starts. */
    public static long[] offsets(List<Chunk> chunks) {
        long[] out = new long[chunks.size()];
        long at = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = at;
            at += chunks.get(i).size();
        }
        return out;
    }
}
