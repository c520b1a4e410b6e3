package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.skysync.api.EntryDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.testing.Device;
import io.skysync.content.ChunkId;
import io.skysync.content.CutFile;
import io.skysync.domain.VaultPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Big files between two devices over the real API code on loopback, with the store's single-upload
 * limit lowered to 16 MiB (the largest chunk): files above it sync byte for byte as chunks, an edit
 * moves only the chunks it touched, and a download cut off half-way keeps the chunks it verified.
 * The blob requests are counted by the backend.
 */
class ChunkedSyncTest extends TwoChunkingDevices {
    private static final int MIB = 1024 * 1024;
    @Test
    void fileOverTheSingleUploadLimit_syncsByteForByteAsChunks() throws IOException {
        byte[] content = random(1, 40 * MIB);
        a.write("big.bin", content);
        backend.resetCounts();

        SyncReport sent = a.sync();
        long puts = backend.count("blob[PUT]");
        SyncReport received = b.sync();

        assertThat(sent.failures()).isEmpty();
        assertThat(received.failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(content);
        assertThat(puts).as("several chunks and one recipe, never the whole file").isBetween(4L, 17L);
        assertThat(leftovers(b)).as("no chunk or temp file is left behind").isZero();
    }

    @Test
    void oneByteInsertedInTheMiddle_movesAtMostThreeChunksAndTheRecipe() throws IOException {
        byte[] content = random(2, 64 * MIB);
        a.write("big.bin", content);
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        byte[] edited = new byte[content.length + 1];
        System.arraycopy(content, 0, edited, 0, content.length / 2);
        edited[content.length / 2] = 7;
        System.arraycopy(content, content.length / 2, edited, content.length / 2 + 1, content.length - content.length / 2);
        a.write("big.bin", edited);
        backend.resetCounts();

        assertThat(a.sync().failures()).isEmpty();
        long puts = backend.count("blob[PUT]");
        backend.resetCounts();
        assertThat(b.sync().failures()).isEmpty();
        long gets = backend.count("blob[GET]");

        assertThat(puts).as("chunks sent plus the recipe").isBetween(2L, 4L);
        assertThat(gets).as("chunks fetched plus the recipe").isBetween(2L, 4L);
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(edited);
    }

    @Test
    void downloadCutOffHalfWay_nextRunFetchesOnlyTheMissingChunks() throws IOException {
        byte[] content = random(3, 48 * MIB);
        a.write("big.bin", content);
        assertThat(a.sync().failures()).isEmpty();
        backend.resetCounts();
        // The recipe and the first chunks come through; then storage fails for good (retries included).
        backend.failAfterBlobRequests(4);
        SyncReport cut = b.sync();
        backend.failAfterBlobRequests(-1);
        long kept = chunksKept(b);
        boolean placedAfterCut = Files.exists(b.root.resolve("big.bin"));
        backend.resetCounts();

        SyncReport resumed = b.sync();

        assertThat(cut.failures()).isNotEmpty();
        assertThat(placedAfterCut).as("nothing partial under the file's name").isFalse();
        assertThat(kept).as("verified chunks kept by the cut-off run").isBetween(1L, 3L);
        assertThat(resumed.failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(content);
        long total = chunkCount(content);
        assertThat(backend.count("blob[GET]")).as("the recipe and the chunks not kept").isEqualTo(1 + total - kept);
    }

    @Test
    void keptChunkDamagedOnDisk_isFetchedAgain_notRefusedForever() throws IOException {
        byte[] content = random(6, 48 * MIB);
        a.write("big.bin", content);
        assertThat(a.sync().failures()).isEmpty();
        backend.failAfterBlobRequests(4);
        assertThat(b.sync().failures()).isNotEmpty();
        backend.failAfterBlobRequests(-1);
        Path kept;
        try (Stream<Path> files = Files.list(b.root.resolve(".skysync/chunks"))) {
            kept = files.findFirst().orElseThrow();
        }
        byte[] damaged = Files.readAllBytes(kept);
        damaged[0] ^= 1;
        Files.write(kept, damaged);

        SyncReport first = b.sync();
        SyncReport second = first.failures().isEmpty() ? first : b.sync();

        assertThat(second.failures()).as("the damaged chunk is dropped and fetched again").isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void uploadCutOffHalfWay_nextRunSendsOnlyTheMissingChunks() throws IOException {
        byte[] content = random(4, 48 * MIB);
        a.write("big.bin", content);
        int storedBefore = backend.blobCount();
        backend.resetCounts();
        backend.failAfterBlobRequests(3);
        SyncReport cut = a.sync();
        backend.failAfterBlobRequests(-1);
        long sentBeforeTheCut = backend.blobCount() - storedBefore;
        backend.resetCounts();

        SyncReport resumed = a.sync();

        assertThat(cut.failures()).isNotEmpty();
        // Transfers run in parallel: chunks already on their way when the outage starts may land too.
        assertThat(sentBeforeTheCut).as("chunks stored before the outage").isBetween(1L, chunkCount(content) - 1L);
        assertThat(resumed.failures()).isEmpty();
        assertThat(backend.count("blob[PUT]")).as("the chunks still missing and the recipe")
                .isEqualTo(chunkCount(content) - sentBeforeTheCut + 1);
        assertThat(b.sync().failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void restoreOfAnOlderChunkedVersion_reusesLocalChunks_andItsCommitCarriesARecipe() throws Exception {
        byte[] first = random(5, 40 * MIB);
        a.write("big.bin", first);
        assertThat(a.sync().failures()).isEmpty();
        byte[] second = first.clone();
        second[first.length / 2] ^= 1;
        a.write("big.bin", second);
        assertThat(a.sync().failures()).isEmpty();
        VaultPath path = VaultPath.of("big.bin");
        EntryDto v1 = a.remote().history(path, 10).versions().stream().filter(v -> v.version() == 1).findFirst()
                .orElseThrow();
        backend.resetCounts();

        new Restorer(a.remote(), a.transfers(), a.root).restore(path, v1, row(a, "big.bin"));
        long gets = backend.count("blob[GET]");
        SyncReport committed = a.sync();

        assertThat(Files.readAllBytes(a.root.resolve("big.bin"))).isEqualTo(first);
        assertThat(gets).as("the recipe and the chunks the edit touched, not the whole file").isBetween(2L, 4L);
        assertThat(leftovers(a)).as("no chunk or temp file is left behind").isZero();
        assertThat(committed.failures()).isEmpty();
        EntryDto current = a.remote().history(path, 10).versions().get(0);
        assertThat(current.version()).isEqualTo(3);
        assertThat(current.hash()).isEqualTo(v1.hash());
        assertThat(current.recipe()).as("the restore commit names the old version's recipe").isEqualTo(v1.recipe())
                .isNotNull();
        assertThat(a.remote().history(path, 10).versions()).as("every version: the whole file's size and hash, a recipe")
                .extracting(EntryDto::size, v -> v.recipe() != null)
                .containsExactly(tuple((long) first.length, true), tuple((long) first.length, true),
                        tuple((long) first.length, true));
        assertThat(b.sync().failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(first);
    }

    private static IndexRow row(Device device, String path) {
        try (SqliteIndexStore index = SqliteIndexStore.open(device.root.resolve(".skysync/index.db"))) {
            return index.load().get(VaultPath.of(path));
        }
    }

    private static long chunkCount(byte[] content) throws IOException {
        return CutFile.of(new ByteArrayInputStream(content), ChunkId.SHA256).chunks().stream().distinct().count();
    }

    private static long chunksKept(Device device) throws IOException {
        Path chunks = device.root.resolve(".skysync/chunks");
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(chunks)) {
            return files.count();
        }
    }

    private static long leftovers(Device device) throws IOException {
        long n = chunksKept(device);
        try (Stream<Path> files = Files.list(device.root.resolve(".skysync/tmp"))) {
            return n + files.count();
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
