package io.skysync.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * How a recipe is written as bytes and read back: the one place that decides the format. A recipe
 * names a chunked file's chunks in order; it is stored as a blob named by the SHA-256 of these
 * bytes, so the format is canonical (one list of chunks has exactly one encoding). A later format
 * (an encrypted vault's, say) gets a new version number in its first line.
 */
public interface RecipeFormat {
    RecipeFormat CURRENT = new RecipeV1();

    /** Writes the recipe of a file of {@code size} bytes cut into {@code chunks}. */
    void write(long size, List<Chunk> chunks, OutputStream out) throws IOException;

    /**
     * Reads a recipe, streaming: every rule is checked as it is read, and a broken one throws
     * {@code invalid_recipe} (a {@link io.skysync.error.SkysyncException}).
     */
    Reader read(InputStream in) throws IOException;

    /** A recipe being read. */
    interface Reader {
        /** The file's size the recipe announces. */
        long size();

        /** How many chunks it announces. */
        int count();

        /** The next chunk, or null after the last one (once the end of the recipe and its sizes are checked). */
        Chunk next() throws IOException;
    }
}
