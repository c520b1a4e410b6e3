package io.skysync.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One read, hashes on a pool: the chunk ids, their order and the whole hash are those of the bytes. */
class CutFileTest {

    @Test
    void chunkIdsHashedInParallel_areEachChunksSha256_inStreamOrder() throws IOException {
        byte[] data = new byte[48 * 1024 * 1024 + 12345];
        new Random(11).nextBytes(data);

        CutFile cut = CutFile.of(new ByteArrayInputStream(data), ChunkId.SHA256);

        assertThat(cut.hash()).isEqualTo(ContentHash.ofBytes(data));
        assertThat(cut.size()).isEqualTo(data.length);
        List<Chunk> chunks = cut.chunks();
        long[] offsets = cut.offsets();
        assertThat(chunks).hasSizeGreaterThan(3);
        for (int i = 0; i < chunks.size(); i++) {
            int from = (int) offsets[i];
            assertThat(chunks.get(i).id()).as("chunk " + i)
                    .isEqualTo(ChunkId.SHA256.of(data, from, chunks.get(i).size()));
        }
        assertThat(offsets[chunks.size() - 1] + chunks.get(chunks.size() - 1).size()).isEqualTo(data.length);
    }
}
