package io.skysync.content;

/**
 * The fixed parameters of chunked content, in one place (docs/design.md, "Big files"). Changing the
 * chunker's sizes or its gear table does not break anything already stored (a recipe lists its
 * chunks, whatever cut them), it only stops new versions from sharing chunks with old ones.
 */
public final class ChunkParams {
    /** Files above this many bytes are chunked; at or below it a file is one blob, as before chunks. */
    public static final long THRESHOLD_BYTES = 16L * 1024 * 1024;
    /** No cut before this many bytes of a chunk (only the file's last chunk may be smaller). */
    public static final int MIN_CHUNK = 1024 * 1024;
    /** The size the normalized cut aims at. */
    public static final int AVG_CHUNK = 4 * 1024 * 1024;
    /** A chunk is cut here at the latest: the largest blob a recipe may name. */
    public static final int MAX_CHUNK = 16 * 1024 * 1024;
    /** The largest chunked file: 1 TiB. */
    public static final long MAX_FILE_BYTES = 1L << 40;
    /** At most this many chunks per recipe: 1 TiB at an average of 2 MiB (half the aim). */
    public static final int MAX_CHUNKS = (int) (MAX_FILE_BYTES / (2 * 1024 * 1024));

    private ChunkParams() {
    }
}
