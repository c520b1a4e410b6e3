package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.content.ChunkParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Big files through the real CLI and the real local backend, on both flavours, with the
 * deployment's single-upload limit lowered to 16 MiB (the largest chunk, {@code skysync.maxUploadBytes}):
 * a 40 MiB file, which no single upload of this deployment takes, syncs between two devices byte
 * for byte, and a 1-byte insertion into a 64 MiB file uploads at most 3 chunks and the recipe
 * (the backend's storage counters, see {@link EndToEndFixture#uploads()}).
 */
class ChunkedEndToEndIT extends EndToEndFixture {
    private static final int MIB = 1024 * 1024;
    private static final String LIMIT_PROPERTY = "skysync.maxUploadBytes";
    Path b;

    @Override
    @BeforeParameterizedClassInvocation
    void startBackend() {
        System.setProperty(LIMIT_PROPERTY, Long.toString(ChunkParams.MAX_CHUNK));
        try {
            super.startBackend();
        } finally {
            System.clearProperty(LIMIT_PROPERTY);
        }
    }

    @BeforeEach
    void secondDevice() throws IOException {
        b = Files.createDirectories(temp.resolve("b"));
        ok(cli.run("init", b.toString(), "--vault", vault, "--device", "desktop"));
    }

    @Test
    void fileOverTheSingleUploadLimit_syncsByteForByte() throws IOException {
        byte[] content = random(1, 40 * MIB);
        Files.write(a.resolve("big.bin"), content);
        resetCounters();

        ok(sync(a));
        long uploads = uploads();
        ok(sync(b));

        assertThat(Files.readAllBytes(b.resolve("big.bin"))).isEqualTo(content);
        assertThat(uploads).as("chunks and a recipe, never one blob of 40 MiB").isBetween(4L, 17L);
    }

    @Test
    void oneByteInsertedInTheMiddle_uploadsAtMostThreeChunksAndTheRecipe() throws IOException {
        byte[] content = random(2, 64 * MIB);
        Files.write(a.resolve("big.bin"), content);
        ok(sync(a));
        ok(sync(b));
        byte[] edited = new byte[content.length + 1];
        System.arraycopy(content, 0, edited, 0, content.length / 2);
        edited[content.length / 2] = 1;
        System.arraycopy(content, content.length / 2, edited, content.length / 2 + 1, content.length - content.length / 2);
        Files.write(a.resolve("big.bin"), edited);
        resetCounters();

        ok(sync(a));
        long uploads = uploads();
        ok(sync(b));

        assertThat(uploads).as("changed chunks plus the recipe").isBetween(2L, 4L);
        assertThat(Files.readAllBytes(b.resolve("big.bin"))).isEqualTo(edited);
        if (flavour.equals("aws")) {
            // Azure's downloads go straight to Azurite with SAS URLs; the backend sees S3Proxy's only.
            assertThat(counter("s3.requests[GetObject]")).as("chunks fetched plus the recipe").isBetween(2L, 4L);
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
