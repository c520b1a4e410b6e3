package io.skysync.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunk sizes in one place: the default cuts as the fixed masks always did; scaled-down sizes keep their bounds. */
class ChunkSizesTest {

    @Test
    void defaultMasks_areTheFixedOnes_soStoredChunksStayShared() {
        assertThat(ChunkSizes.DEFAULT.strictMask()).isEqualTo(-1L << (64 - 24));
        assertThat(ChunkSizes.DEFAULT.looseMask()).isEqualTo(-1L << (64 - 20));
        assertThat(ChunkSizes.DEFAULT.chunked(ChunkParams.THRESHOLD_BYTES)).isFalse();
        assertThat(ChunkSizes.DEFAULT.chunked(ChunkParams.THRESHOLD_BYTES + 1)).isTrue();
    }

    @Test
    void smallSizes_cutWithinTheirBounds_andAnInsertionKeepsMostChunks() throws IOException {
        ChunkSizes small = new ChunkSizes(16 * 1024, 1024, 4 * 1024, 16 * 1024);
        byte[] data = new byte[200 * 1024];
        new Random(7).nextBytes(data);
        byte[] edited = new byte[data.length + 3];
        System.arraycopy(data, 0, edited, 0, 100_000);
        System.arraycopy(data, 100_000, edited, 100_003, data.length - 100_000);

        List<Chunk> before = CutFile.of(new ByteArrayInputStream(data), ChunkId.SHA256, small).chunks();
        List<Chunk> after = CutFile.of(new ByteArrayInputStream(edited), ChunkId.SHA256, small).chunks();

        assertThat(before).hasSizeBetween(data.length / (16 * 1024), data.length / 1024);
        assertThat(before.subList(0, before.size() - 1)).allMatch(c -> c.size() >= 1024 && c.size() <= 16 * 1024);
        assertThat(after.stream().filter(before::contains).count()).isGreaterThanOrEqualTo(before.size() - 3L);
    }

    @Test
    void sizesOutOfOrder_areRefused() {
        assertThatThrownBy(() -> new ChunkSizes(1024, 1024, 4096, 16 * 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkSizes(16 * 1024, 1024, 3000, 16 * 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
