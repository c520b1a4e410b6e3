package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.UploadDto;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.testing.Device;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkId;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import io.skysync.reconcile.ConflictPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunks taken from any local file the index's chunk lists name (docs/design.md, "Chunk reuse"),
 * between two devices over the real API code on loopback, with real files and the real SQLite
 * index. The blob GETs are counted by the backend: a chunk read locally is a GET not made.
 */
class ChunkReuseSyncTest extends TwoChunkingDevices {
    private static final int MIB = 1024 * 1024;
    byte[] content;

    /** Two devices that both hold {@code big.bin} (32 MiB, chunked), synced: each index has its chunk list. */
    @BeforeEach
    void bothHoldABigFile() throws IOException {
        content = random(vault.hashCode(), 32 * MIB);
        a.write("big.bin", content);
        // An hour old: no scan takes it for one written too close to it (racily clean) and reads it again.
        Files.setLastModifiedTime(a.root.resolve("big.bin"), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        backend.resetCounts();
    }

    @Test
    void copyWithASmallEditAtANewPath_downloadsOnlyTheChunksNoLocalFileHolds() throws IOException {
        byte[] edited = flipped(content, content.length / 2);
        a.write("copies/edited.bin", edited);
        assertThat(a.sync().failures()).isEmpty();
        backend.resetCounts();

        assertThat(b.sync().failures()).isEmpty();

        assertThat(Files.readAllBytes(b.root.resolve("copies/edited.bin"))).isEqualTo(edited);
        assertThat(backend.count("blob[GET]")).as("the recipe and the chunk the edit touched (two if it moved a cut)")
                .isBetween(2L, 3L);
        assertThat(chunkCount(edited)).as("a file of many chunks, so the count above means something").isGreaterThan(4);
    }

    @Test
    void copyOfTheSameContent_downloadsNothing() throws IOException {
        a.write("copy.bin", content);
        assertThat(a.sync().failures()).isEmpty();
        backend.resetCounts();

        assertThat(b.sync().failures()).isEmpty();

        assertThat(Files.readAllBytes(b.root.resolve("copy.bin"))).isEqualTo(content);
        assertThat(backend.count("blob[GET]")).isZero();
    }

    @Test
    void renamedBigFile_downloadsNoChunk() throws IOException {
        Files.createDirectories(a.root.resolve("moved"));
        Files.move(a.root.resolve("big.bin"), a.root.resolve("moved/big.bin"));
        assertThat(a.sync().failures()).isEmpty();
        backend.resetCounts();

        assertThat(b.sync().failures()).isEmpty();

        assertThat(Files.readAllBytes(b.root.resolve("moved/big.bin"))).isEqualTo(content);
        assertThat(b.exists("big.bin")).isFalse();
        assertThat(backend.count("blob[GET]")).isZero();
    }

    @Test
    void localFileChangedBehindAnUnchangedStat_isNotUsed_andTheCopyIsFetchedByteForByte() throws IOException {
        // The scan trusts big.bin by its size and time; its bytes now lie, so every chunk read from it fails its id.
        Path stale = b.root.resolve("big.bin");
        FileTime time = Files.getLastModifiedTime(stale);
        try (RandomAccessFile file = new RandomAccessFile(stale.toFile(), "rw")) {
            file.write(new byte[4096]);
            file.seek(content.length - 4096L);
            file.write(new byte[4096]);
        }
        Files.setLastModifiedTime(stale, time);
        byte[] edited = flipped(content, content.length / 2);
        a.write("edited.bin", edited);
        assertThat(a.sync().failures()).isEmpty();
        backend.resetCounts();

        SyncReport report = b.sync();

        assertThat(report.failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("edited.bin"))).isEqualTo(edited);
        assertThat(backend.count("blob[GET]")).as("the recipe and every chunk").isEqualTo(1 + chunkCount(edited));
    }

    @Test
    void folderSwappedForALinkOutsideTheRoot_afterTheScan_isNeverReadThrough() throws IOException {
        Files.createDirectories(a.root.resolve("dir"));
        Files.move(a.root.resolve("big.bin"), a.root.resolve("dir/big.bin"));
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        byte[] edited = flipped(content, content.length / 3);
        a.write("edited.bin", edited);
        assertThat(a.sync().failures()).isEmpty();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        AtomicBoolean swapped = new AtomicBoolean();
        // Once B's scan has seen dir/big.bin, dir becomes a link to a folder outside the root holding the same bytes.
        Runnable swap = () -> {
            if (swapped.compareAndSet(false, true)) {
                try {
                    Files.move(b.root.resolve("dir/big.bin"), outside.resolve("big.bin"));
                    Files.delete(b.root.resolve("dir"));
                    Files.createSymbolicLink(b.root.resolve("dir"), outside);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        backend.resetCounts();

        SyncReport report = syncWithDownloadHook(b, swap);

        assertThat(swapped).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(Files.readAllBytes(b.root.resolve("edited.bin"))).isEqualTo(edited);
        assertThat(backend.count("blob[GET]")).as("the recipe and every chunk: none read through the link")
                .isEqualTo(1 + chunkCount(edited));
        assertThat(Files.readAllBytes(outside.resolve("big.bin"))).isEqualTo(content);
    }

    @Test
    void executableBitSetOnABigFile_sendsNoBlob_andReadsNoByteOfIt() throws IOException {
        Path big = a.root.resolve("big.bin");
        big.toFile().setExecutable(true);
        // The bit is a new version of the same content: the index's chunk list names its recipe, so
        // nothing needs the bytes. They are made to lie behind an unchanged stat: a cut would refuse them.
        FileTime time = Files.getLastModifiedTime(big);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.write(new byte[16]);
        }
        Files.setLastModifiedTime(big, time);

        SyncReport report = a.sync();

        assertThat(report.failures()).isEmpty();
        assertThat(backend.count("blob[PUT]")).isZero();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(Files.isExecutable(b.root.resolve("big.bin"))).isTrue();
        assertThat(Files.readAllBytes(b.root.resolve("big.bin"))).isEqualTo(content);
    }

    /** Syncs {@code device}, running {@code hook} right before its first download. */
    private static SyncReport syncWithDownloadHook(Device device, Runnable hook) throws IOException {
        Transfers real = device.transfers();
        Transfers hooked = new Transfers() {
            @Override
            public void upload(Path source, long offset, long size, UploadDto target, ByteCounter progress)
                    throws TransferException {
                real.upload(source, offset, size, target, progress);
            }

            @Override
            public void download(Presigned url, Path target, ContentHash expected, long size, ByteCounter progress)
                    throws TransferException {
                hook.run();
                real.download(url, target, expected, size, progress);
            }
        };
        try (SqliteIndexStore index = SqliteIndexStore.open(device.root.resolve(".skysync/index.db"))) {
            return new SyncEngine(device.remote(), hooked, index, device.root, Clock.systemUTC(), new ParallelHasher(2),
                    IgnoreRules.load(device.root), 4, Progress.NONE).run(device.options(ConflictPolicy.KEEP_BOTH));
        }
    }

    private static long chunkCount(byte[] bytes) throws IOException {
        return CutFile.of(new ByteArrayInputStream(bytes), ChunkId.SHA256).chunks().stream().distinct().count();
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] out = bytes.clone();
        out[at] ^= 1;
        return out;
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
