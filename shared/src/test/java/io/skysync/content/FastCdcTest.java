package io.skysync.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chunker: bounded sizes, cuts independent of how the bytes arrive, edits that stay local. */
class FastCdcTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void split_randomBytes_chunksWithinBoundsAverageNearTheAimAndCoverTheStream() throws IOException {
        byte[] data = random(1, 48 * MIB);

        CutFile cut = CutFile.of(new ByteArrayInputStream(data), ChunkId.SHA256);

        assertThat(cut.size()).isEqualTo(data.length);
        assertThat(cut.chunks().stream().mapToLong(Chunk::size).sum()).isEqualTo(data.length);
        for (int i = 0; i < cut.chunks().size() - 1; i++) {
            assertThat(cut.chunks().get(i).size()).isBetween(ChunkParams.MIN_CHUNK + 1, ChunkParams.MAX_CHUNK);
        }
        double average = (double) data.length / cut.chunks().size();
        assertThat(average).as("average chunk").isBetween(2.5 * MIB, 6.0 * MIB);
    }

    @Test
    void split_sameBytesInTinyReads_cutsAtTheSamePlaces() throws IOException {
        byte[] data = random(2, 24 * MIB);

        CutFile whole = CutFile.of(new ByteArrayInputStream(data), ChunkId.SHA256);
        CutFile trickled = CutFile.of(new Trickle(new ByteArrayInputStream(data), 7777), ChunkId.SHA256);

        assertThat(trickled.chunks()).isEqualTo(whole.chunks());
        assertThat(trickled.recipeHash()).isEqualTo(whole.recipeHash());
        assertThat(trickled.hash()).isEqualTo(whole.hash()).isEqualTo(ContentHash.ofBytes(data));
    }

    @Test
    void split_oneByteInsertedInTheMiddle_changesAtMostTwoChunks() throws IOException {
        byte[] data = random(3, 32 * MIB);
        byte[] edited = new byte[data.length + 1];
        int at = data.length / 2;
        System.arraycopy(data, 0, edited, 0, at);
        edited[at] = 42;
        System.arraycopy(data, at, edited, at + 1, data.length - at);

        Set<Chunk> before = new HashSet<>(CutFile.of(new ByteArrayInputStream(data), ChunkId.SHA256).chunks());
        List<Chunk> after = CutFile.of(new ByteArrayInputStream(edited), ChunkId.SHA256).chunks();

        long changed = after.stream().filter(c -> !before.contains(c)).count();
        assertThat(changed).isBetween(1L, 2L);
    }

    @Test
    void split_constantBytes_cutsAtTheMaximum() throws IOException {
        byte[] zeros = new byte[40 * MIB];

        List<Chunk> chunks = CutFile.of(new ByteArrayInputStream(zeros), ChunkId.SHA256).chunks();

        assertThat(chunks).extracting(Chunk::size).containsExactly(ChunkParams.MAX_CHUNK, ChunkParams.MAX_CHUNK, 8 * MIB);
    }

    @Test
    void split_emptyAndShortStreams_noChunkOrOne() throws IOException {
        List<Long> positions = new ArrayList<>();

        assertThat(FastCdc.split(new ByteArrayInputStream(new byte[0]), (p, b, o, l) -> positions.add(p))).isZero();
        assertThat(positions).isEmpty();
        assertThat(CutFile.of(new ByteArrayInputStream(new byte[10]), ChunkId.SHA256).chunks()).extracting(Chunk::size)
                .containsExactly(10);
    }

    @Test
    void cut_everyStartOfRandomAndRepetitiveBytes_sameAsTheByteByByteDefinition() {
        ChunkSizes tiny = new ChunkSizes(1024, 16, 64, 256);
        ChunkSizes narrow = new ChunkSizes(1024, 40, 64, 512);
        byte[] data = random(4, 20 * MIB);
        byte[] pattern = new byte[8 * MIB];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 251 == 0 ? i / 251 : 7);
        }
        for (ChunkSizes sizes : List.of(ChunkSizes.DEFAULT, tiny, narrow)) {
            for (byte[] bytes : List.of(data, pattern)) {
                int checked = 0;
                for (int start = 0; start < bytes.length && checked < 4000; start += FastCdc.cut(bytes, start,
                        bytes.length - start, sizes), checked++) {
                    assertThat(FastCdc.cut(bytes, start, bytes.length - start, sizes))
                            .as("cut from %d with %s", start, sizes)
                            .isEqualTo(Reference.cut(bytes, start, bytes.length - start, sizes));
                }
            }
        }
    }

    static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Hands out at most {@code step} bytes per read, like a slow pipe. */
    private static final class Trickle extends FilterInputStream {
        private final int step;

        Trickle(InputStream in, int step) {
            super(in);
            this.step = step;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, step));
        }
    }

    /** FastCDC as the design states it, one byte at a time, with the gear table built anew: what every device has cut. */
    private static final class Reference {
        private static final long[] GEAR = gear();

        static int cut(byte[] bytes, int offset, int available, ChunkSizes sizes) {
            if (available <= sizes.min()) {
                return available;
            }
            int limit = Math.min(available, sizes.max());
            int normal = Math.min(limit, sizes.avg());
            long fp = 0;
            int i = sizes.min();
            for (; i < normal; i++) {
                fp = (fp << 1) + GEAR[bytes[offset + i] & 0xff];
                if ((fp & sizes.strictMask()) == 0) {
                    return i + 1;
                }
            }
            for (; i < limit; i++) {
                fp = (fp << 1) + GEAR[bytes[offset + i] & 0xff];
                if ((fp & sizes.looseMask()) == 0) {
                    return i + 1;
                }
            }
            return limit;
        }

        private static long[] gear() {
            long[] table = new long[256];
            long state = 0x736b7973796e6331L;
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
}
