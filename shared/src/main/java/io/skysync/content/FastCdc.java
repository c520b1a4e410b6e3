package io.skysync.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * A streaming FastCDC chunker (Xia et al., USENIX ATC 2016) with normalized chunking, level 2:
 * a gear hash rolls over the bytes after the first {@link ChunkParams#MIN_CHUNK} of a chunk, a
 * cut is made where its top bits are zero, with a stricter mask (more bits) before
 * {@link ChunkParams#AVG_CHUNK} and a looser one after, and at {@link ChunkParams#MAX_CHUNK} at
 * the latest. A cut depends only on the 64 bytes before it, so an edit moves the cuts near it
 * and no others: the chunks after it are the same blobs as before.
 *
 * <p>Memory is one buffer of twice the largest chunk, whatever the size of the stream.
 */
public final class FastCdc {
    /** A fixed seed: every device must cut the same bytes at the same places. */
    private static final long GEAR_SEED = 0x736b7973796e6331L;
    private static final long[] GEAR = gear();

    /** Receives the chunks in order; {@code bytes[offset, offset + length)} is only valid during the call. */
    public interface Sink {
        void chunk(long position, byte[] bytes, int offset, int length) throws IOException;
    }

    private FastCdc() {
    }

    /** Cuts all of {@code in} into chunks of the default sizes; an empty stream has none. Answers the bytes read. */
    public static long split(InputStream in, Sink sink) throws IOException {
        return split(in, ChunkSizes.DEFAULT, sink);
    }

    /** Cuts all of {@code in} into chunks of {@code sizes}; an empty stream has none. Answers the bytes read. */
    public static long split(InputStream in, ChunkSizes sizes, Sink sink) throws IOException {
        int max = sizes.max();
        byte[] buffer = new byte[2 * max];
        int start = 0;
        int end = 0;
        long position = 0;
        boolean eof = false;
        while (true) {
            if (!eof && end - start < max) {
                if (buffer.length - end < max) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                int wanted = buffer.length - end;
                int n = in.readNBytes(buffer, end, wanted);
                end += n;
                eof = n < wanted;
                continue;
            }
            if (start == end) {
                return position;
            }
            int length = cut(buffer, start, end - start, sizes);
            sink.chunk(position, buffer, start, length);
            position += length;
            start += length;
        }
    }

    /** The length of the next chunk of {@code bytes[offset, offset + available)}: the whole of it if no cut comes first. */
    static int cut(byte[] bytes, int offset, int available) {
        return cut(bytes, offset, available, ChunkSizes.DEFAULT);
    }

    static int cut(byte[] bytes, int offset, int available, ChunkSizes sizes) {
        if (available <= sizes.min()) {
            return available;
        }
        int limit = offset + Math.min(available, sizes.max());
        int normal = Math.min(limit, offset + sizes.avg());
        int hit = find(bytes, offset + sizes.min(), normal, sizes.strictMask(), 0);
        if (hit < 0) {
            hit = find(bytes, normal, limit, sizes.looseMask(), rolled(bytes, offset + sizes.min(), normal));
        }
        return (hit < 0 ? limit : hit + 1) - offset;
    }

    /**
     * The first position in {@code [from, to)} where the gear hash, rolled on from {@code fp},
     * has no bit of {@code mask} set, or -1. One small loop per mask: while a JVM warms up, a
     * branch the profile never saw taken (the first cut, the switch to the looser mask) sends a
     * larger method back to slow code, and this one has little to lose.
     */
    private static int find(byte[] bytes, int from, int to, long mask, long fp) {
        long[] gear = GEAR;
        long rolling = fp;
        for (int i = from; i < to; i++) {
            rolling = (rolling << 1) + gear[bytes[i] & 0xff];
            if ((rolling & mask) == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The gear hash after rolling {@code bytes[from, to)} from zero: a byte's term is shifted out
     * after 64 more, so only the last 64 count and the rest are skipped.
     */
    private static long rolled(byte[] bytes, int from, int to) {
        long fp = 0;
        for (int i = Math.max(from, to - Long.SIZE); i < to; i++) {
            fp = (fp << 1) + GEAR[bytes[i] & 0xff];
        }
        return fp;
    }

    private static long[] gear() {
        // splitmix64, written out so that the table never depends on a library's generator.
        long[] table = new long[256];
        long state = GEAR_SEED;
        for (int i = 0; i < table.length; i++) {
            state += 0x9e3779b97f4a7c15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
