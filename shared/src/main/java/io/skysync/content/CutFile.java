package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A file cut into chunks: its whole-content SHA-256, its size, its chunks in order, and its recipe
 * (the bytes and their hash, the recipe blob's name). One pass over the stream; memory is the
 * chunker's buffer plus the list of chunks.
 */
public record CutFile(ContentHash hash, long size, List<Chunk> chunks, byte[] recipe, ContentHash recipeHash) {
    public CutFile {
        chunks = List.copyOf(chunks);
    }

    /** Cuts {@code in} with {@link FastCdc}, naming chunks with {@code ids}. */
    public static CutFile of(InputStream in, ChunkId ids) throws IOException {
        return of(in, ids, ChunkSizes.DEFAULT);
    }

    /**
     * Cuts {@code in} into chunks of {@code sizes}, naming them with {@code ids}: one read and the cut
     * on this thread, the whole file's SHA-256 and the chunks' on others ({@link ParallelChunkIds}).
     */
    public static CutFile of(InputStream in, ChunkId ids, ChunkSizes sizes) throws IOException {
        List<Chunk> chunks;
        ContentHash whole;
        long size;
        try (ParallelChunkIds named = new ParallelChunkIds(ids)) {
            size = FastCdc.split(in, sizes, (position, bytes, offset, length) -> named.add(bytes, offset, length));
            chunks = named.chunks();
            whole = named.whole();
        }
        byte[] recipe = encode(size, chunks);
        return new CutFile(whole, size, chunks, recipe, ContentHash.ofBytes(recipe));
    }

    /** Where each chunk starts in the file. */
    public long[] offsets() {
        return Chunk.offsets(chunks);
    }

    /** The recipe bytes of a file of {@code size} bytes cut into {@code chunks}, in the current format. */
    public static byte[] encode(long size, List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + chunks.size() * 76);
        try {
            RecipeFormat.CURRENT.write(size, chunks, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array does not fail", e);
        }
        return out.toByteArray();
    }
}
