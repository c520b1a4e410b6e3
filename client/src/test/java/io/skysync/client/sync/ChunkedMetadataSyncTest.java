package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A touch and a {@code chmod +x} of a chunked file are metadata-only versions (docs/reconcile.md,
 * "Metadata"): no chunk, no recipe and no whole file moves either way, and the entry keeps its recipe.
 */
class ChunkedMetadataSyncTest extends TwoChunkingDevices {
    private static final int MIB = 1024 * 1024;
    @Test
    void touchAndChmodOfAChunkedFile_moveNoBytes_andKeepTheRecipe() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        byte[] content = new byte[20 * MIB];
        new Random(3).nextBytes(content);
        a.write("big.bin", content);
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        String recipe = entry().recipe();
        assertThat(recipe).as("chunked").isNotNull();
        Path onA = a.root.resolve("big.bin");
        Instant later = Instant.parse("2026-02-01T00:00:00Z");
        Files.setLastModifiedTime(onA, FileTime.from(later));
        assertThat(onA.toFile().setExecutable(true, false)).isTrue();
        backend.resetCounts();

        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();

        assertThat(backend.count("blob")).as("no blob request either way").isZero();
        assertThat(entry().recipe()).isEqualTo(recipe);
        assertThat(entry().executable()).isTrue();
        Path onB = b.root.resolve("big.bin");
        assertThat(Files.isExecutable(onB)).isTrue();
        assertThat(Files.getLastModifiedTime(onB).toInstant()).isEqualTo(later);
    }

    private EntryDto entry() {
        return a.remote().files(null, 10).entries().get(0);
    }
}
