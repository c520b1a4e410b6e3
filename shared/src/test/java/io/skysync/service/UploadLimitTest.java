package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.content.ChunkParams;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.testing.InMemoryBlobRecords;
import io.skysync.testing.InMemoryBlobStore;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deployment's single-upload limit (SKYSYNC_MAX_UPLOAD_BYTES): lowers the store's, never below a chunk. */
class UploadLimitTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void loweredLimit_refusesOneBlobAboveItAndTakesAChunk() {
        ServiceConfig config = ServiceConfig.withBootstrapSecret("s").withMaxUploadBytes(ChunkParams.MAX_CHUNK);
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        UploadTickets tickets = new UploadTickets(blobs,
                new BlobPresence(new InMemoryBlobRecords(), blobs, BlobGuard.NONE, (vault, hashes) -> Set.of()), config);

        assertThatCode(() -> tickets.checkSize(ContentHash.EMPTY, ChunkParams.MAX_CHUNK)).doesNotThrowAnyException();
        assertThatThrownBy(() -> tickets.checkSize(ContentHash.EMPTY, ChunkParams.MAX_CHUNK + 1L))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void limitBelowTheLargestChunk_refusedAtConfiguration() {
        ServiceConfig config = ServiceConfig.withBootstrapSecret("s");

        assertThatThrownBy(() -> config.withMaxUploadBytes(8 * MIB)).isInstanceOf(IllegalArgumentException.class);
    }
}
