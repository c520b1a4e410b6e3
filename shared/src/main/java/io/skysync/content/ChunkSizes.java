package io.skysync.content;

/**
 * Where chunking starts and how big chunks are: {@link #DEFAULT} (from {@link ChunkParams}) for
 * every real device; a test world of small files (the simulation) scales them down, in this one
 * place, so that its files are chunked too. The cut masks follow from {@code avg}: two bits more
 * before it and two fewer after it (normalization level 2, see {@link FastCdc}).
 */
public record ChunkSizes(long threshold, int min, int avg, int max) {
    public static final ChunkSizes DEFAULT = new ChunkSizes(ChunkParams.THRESHOLD_BYTES, ChunkParams.MIN_CHUNK,
            ChunkParams.AVG_CHUNK, ChunkParams.MAX_CHUNK);

    public ChunkSizes {
        if (min < 1 || Integer.bitCount(avg) != 1 || avg < 8 || min >= avg || avg >= max || max > ChunkParams.MAX_CHUNK
                || threshold < max) {
            throw new IllegalArgumentException("chunk sizes need 1 <= min < avg (a power of two, at least 8) < max <= "
                    + ChunkParams.MAX_CHUNK + " <= threshold, not " + min + ", " + avg + ", " + max + ", " + threshold);
        }
    }

    /** Whether a file of {@code size} bytes is stored as chunks. */
    public boolean chunked(long size) {
        return size > threshold;
    }

    long strictMask() {
        return -1L << (64 - (Integer.numberOfTrailingZeros(avg) + 2));
    }

    long looseMask() {
        return -1L << (64 - (Integer.numberOfTrailingZeros(avg) - 2));
    }
}
