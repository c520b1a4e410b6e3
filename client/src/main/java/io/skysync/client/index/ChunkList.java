package io.skysync.client.index;

import io.skysync.content.Chunk;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import java.util.List;
import java.util.Objects;

/**
 * How one content is cut: its chunks in file order. The recipe is derived from them, so a list
 * and the recipe it makes cannot disagree.
 *
 * @param content the SHA-256 of the whole content
 * @param size    the content's size, the sum of the chunks' sizes
 */
public record ChunkList(ContentHash content, long size, List<Chunk> chunks) {
    public ChunkList {
        Objects.requireNonNull(content, "content");
        chunks = List.copyOf(chunks);
        if (chunks.stream().mapToLong(Chunk::size).sum() != size) {
            throw new IllegalArgumentException("the chunks do not add up to the content's " + size + " bytes");
        }
    }

    /** Where each chunk starts. */
    public long[] offsets() {
        return Chunk.offsets(chunks);
    }

    /** The recipe's bytes in the current format. */
    public byte[] recipe() {
        return CutFile.encode(size, chunks);
    }
}
