package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.content.ChunkId;
import io.skysync.content.ChunkParams;
import io.skysync.content.CutFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Big files through the real CLI and the real local backend, on both flavours, with the
 * deployment's single-upload limit lowered to 16 MiB (the largest chunk, {@code skysync.maxUploadBytes}):
 * a 40 MiB file, which no single upload of this deployment takes, syncs between two devices byte
 * for byte, a 1-byte insertion into a 64 MiB file uploads at most 3 chunks and the recipe
 * (the backend's storage counters, see {@link EndToEndFixture#uploads()}), an edited copy at a
 * new path downloads only the chunks no local file holds, and a moved file none.
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

    @Test
    void editedCopyAtANewPath_otherDeviceDownloadsOnlyTheChunksNoLocalFileHolds() throws IOException {
        byte[] content = random(5, 40 * MIB);
        Files.write(a.resolve("big.bin"), content);
        ok(sync(a));
        ok(sync(b));
        byte[] edited = content.clone();
        edited[content.length / 2] ^= 1;
        Files.createDirectories(a.resolve("copies"));
        Files.write(a.resolve("copies/edited.bin"), edited);
        ok(sync(a));
        resetCounters();

        ok(sync(b));

        assertThat(Files.readAllBytes(b.resolve("copies/edited.bin"))).isEqualTo(edited);
        assertThat(Files.readAllBytes(b.resolve("big.bin"))).isEqualTo(content);
        assertThat(invocations("POST /v1/vaults/{vault}/chunk-urls")).as("the chunks the edit touched, in one call").isEqualTo(1);
        if (flavour.equals("aws")) {
            assertThat(counter("s3.requests[GetObject]")).as("the recipe and the chunk the edit touched (two if it moved a cut)")
                    .isBetween(2L, 3L);
        }
    }

    @Test
    void bigFileMovedToAnotherFolder_otherDeviceDownloadsNothing() throws IOException {
        byte[] content = random(6, 40 * MIB);
        Files.write(a.resolve("big.bin"), content);
        ok(sync(a));
        ok(sync(b));
        Files.createDirectories(a.resolve("archive"));
        Files.move(a.resolve("big.bin"), a.resolve("archive/big.bin"));
        ok(sync(a));
        resetCounters();

        ok(sync(b));

        assertThat(Files.readAllBytes(b.resolve("archive/big.bin"))).isEqualTo(content);
        assertThat(Files.exists(b.resolve("big.bin"))).isFalse();
        assertThat(invocations("POST /v1/vaults/{vault}/chunk-urls")).isZero();
        if (flavour.equals("aws")) {
            assertThat(counter("s3.requests[GetObject]")).isZero();
        }
    }

    @Test
    void cliKilledMidUpload_nextRunSendsOnlyTheMissingChunks() throws Exception {
        byte[] content = random(3, 64 * MIB);
        Files.write(a.resolve("big.bin"), content);
        resetCounters();

        Process child = start(a);
        boolean cut = waitFor(child, () -> uploadsSoFar() >= 2);
        kill(child);
        long sentBeforeTheKill = uploadsSoFar();
        resetCounters();
        ok(sync(a));
        long uploads = uploads();
        ok(sync(b));

        assertThat(cut).as("killed while uploading: " + log()).isTrue();
        assertThat(sentBeforeTheKill).as("chunks stored before the kill").isBetween(2L, chunkCount(content) - 1);
        assertThat(uploads).as("the chunks still missing and the recipe")
                .isEqualTo(chunkCount(content) - sentBeforeTheKill + 1);
        assertThat(Files.readAllBytes(b.resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void cliKilledMidDownload_nothingPartialPlaced_andNextRunFetchesOnlyTheMissingChunks() throws Exception {
        byte[] content = random(4, 64 * MIB);
        Files.write(a.resolve("big.bin"), content);
        ok(sync(a));

        Process child = start(b);
        boolean cut = waitFor(child, () -> chunksKept(b) >= 2);
        kill(child);
        long kept = chunksKept(b);
        boolean placedAfterKill = Files.exists(b.resolve("big.bin"));
        resetCounters();
        ok(sync(b));

        assertThat(cut).as("killed while downloading: " + log()).isTrue();
        assertThat(placedAfterKill).as("nothing partial under the file's name").isFalse();
        assertThat(kept).isBetween(2L, chunkCount(content) - 1);
        assertThat(Files.readAllBytes(b.resolve("big.bin"))).isEqualTo(content);
        assertThat(chunksKept(b)).as("the chunks of the assembled file are removed").isZero();
        try (Stream<Path> files = Files.list(b.resolve(".skysync/tmp"))) {
            assertThat(files).as("no temp file is left").isEmpty();
        }
        if (flavour.equals("aws")) {
            assertThat(counter("s3.requests[GetObject]")).as("the recipe and the chunks not kept")
                    .isEqualTo(1 + chunkCount(content) - kept);
        }
    }

    private long blobsAtStart;

    /** A sync of {@code root} in a JVM of its own, one transfer at a time, so a kill lands between chunks. */
    private Process start(Path root) throws IOException {
        blobsAtStart = storedBlobs();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.skysync.client.Main", "sync", root.toString(),
                "--transfers", "1").redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile());
        builder.environment().putAll(cli.env());
        Process child = builder.start();
        child.getOutputStream().close();
        return child;
    }

    private long uploadsSoFar() {
        return storedBlobs() - blobsAtStart;
    }

    private static boolean waitFor(Process child, BooleanSupplier reached) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (reached.getAsBoolean()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** SIGKILL on Linux: no shutdown hook, no clean-up. */
    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private String log() throws IOException {
        return Files.readString(temp.resolve("child.log"));
    }

    private static long chunksKept(Path root) {
        Path chunks = root.resolve(".skysync/chunks");
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(chunks)) {
            return files.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long chunkCount(byte[] content) throws IOException {
        return CutFile.of(new ByteArrayInputStream(content), ChunkId.SHA256).chunks().stream().distinct().count();
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
