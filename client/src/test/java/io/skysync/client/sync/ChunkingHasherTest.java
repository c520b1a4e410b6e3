package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.ChunkList;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.content.ChunkId;
import io.skysync.content.ChunkSizes;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The scan's hashes with big files cut in the same read: the same hashes, in input order, and their chunk lists kept. */
class ChunkingHasherTest {
    private static final ChunkSizes SMALL = new ChunkSizes(16 * 1024, 1024, 4 * 1024, 16 * 1024);

    @TempDir
    Path dir;

    @Test
    void hash_mixOfSmallAndBigFiles_sameHashesInOrder_andEachBigFilesChunkListIsKept() throws IOException {
        Path small = write("small.txt", random(1, 100));
        Path big = write("big.bin", random(2, 200 * 1024));
        Path other = write("other.txt", random(3, 16 * 1024));
        Path second = write("second.bin", random(4, 64 * 1024));
        Path missing = dir.resolve("gone.bin");
        List<Path> files = List.of(big, small, missing, second, other);

        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            List<Hasher.Result> results = new ChunkingHasher(new ParallelHasher(2), SMALL, index.chunks(), Progress.NONE)
                    .hash(files);

            assertThat(results).extracting(Hasher.Result::file).containsExactlyElementsOf(files);
            assertThat(results).extracting(Hasher.Result::hash).containsExactly(sha(big), sha(small), null, sha(second),
                    sha(other));
            assertThat(results.get(2).error()).isNotBlank();
            ChunkList list = index.chunks().list(sha(big));
            assertThat(list).as("cut as the scan read it").isNotNull();
            assertThat(list.chunks()).isEqualTo(cut(big).chunks());
            assertThat(index.chunks().list(sha(second))).isNotNull();
            assertThat(index.chunks().list(sha(other))).as("at the threshold: one blob, no list").isNull();
        }
    }

    @Test
    void hash_withTheScansSizes_cutsByThoseSizes_withoutAskingTheFileSystemAgain() throws IOException {
        Path toldBig = write("told-big.txt", random(6, 100));
        Path toldSmall = write("told-small.bin", random(7, 200 * 1024));

        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            List<Hasher.Result> results = new ChunkingHasher(new ParallelHasher(2), SMALL, index.chunks(), Progress.NONE)
                    .hash(List.of(toldBig, toldSmall), List.of(20 * 1024L, 100L));

            assertThat(results).extracting(Hasher.Result::hash).containsExactly(sha(toldBig), sha(toldSmall));
            assertThat(index.chunks().list(sha(toldBig))).as("cut, as the scan's size said").isNotNull();
            assertThat(index.chunks().list(sha(toldSmall))).as("hashed whole, as the scan's size said").isNull();
        }
    }

    @Test
    void hash_onlySmallFiles_isTheInnerHashersAnswer() throws IOException {
        Path small = write("a.txt", random(5, 10));

        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            assertThat(new ChunkingHasher(new ParallelHasher(1), SMALL, index.chunks(), Progress.NONE).hash(List.of(small)))
                    .extracting(Hasher.Result::hash).containsExactly(sha(small));
        }
    }

    @Test
    void hash_withTheScansSizes_tellsTheInnerHasherTheSizesOfTheFilesItHashes() throws IOException {
        Path small = write("small.txt", random(8, 100));
        Path big = write("big.bin", random(9, 200 * 1024));
        List<List<Long>> told = new ArrayList<>();
        Hasher inner = new Hasher() {
            @Override
            public List<Result> hash(List<Path> files) {
                throw new AssertionError("asked without the sizes");
            }

            @Override
            public List<Result> hash(List<Path> files, List<Long> sizes) {
                told.add(sizes);
                return new ParallelHasher(1).hash(files, sizes);
            }
        };

        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            ChunkingHasher hasher = new ChunkingHasher(inner, SMALL, index.chunks(), Progress.NONE);
            assertThat(hasher.hash(List.of(big, small), List.of(200 * 1024L, 100L))).extracting(Hasher.Result::hash)
                    .containsExactly(sha(big), sha(small));
            assertThat(hasher.hash(List.of(small), List.of(100L))).extracting(Hasher.Result::hash).containsExactly(sha(small));
        }

        assertThat(told).containsExactly(List.of(100L), List.of(100L));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "links need a privilege there")
    void hash_underARoot_bigFilesFolderSwappedForALinkOutside_cutsNothingOutside() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createDirectory(root.resolve("docs"));
        Path big = Files.write(root.resolve("docs/big.bin"), random(10, 200 * 1024));
        byte[] secret = random(11, 200 * 1024);
        Files.write(outside.resolve("big.bin"), secret);
        Files.move(root.resolve("docs"), dir.resolve("moved"));
        Files.createSymbolicLink(root.resolve("docs"), outside);

        try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
            List<Hasher.Result> results = new ChunkingHasher(new ParallelHasher(1), SMALL, index.chunks(), Progress.NONE)
                    .hash(root, List.of(big), List.of(200 * 1024L));

            assertThat(results.get(0).hash()).isNull();
            assertThat(results.get(0).error()).isNotBlank();
            assertThat(index.chunks().list(ContentHash.ofBytes(secret))).isNull();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static ContentHash sha(Path file) throws IOException {
        return ParallelHasher.sha256(file);
    }

    private static CutFile cut(Path file) throws IOException {
        return CutFile.of(new ByteArrayInputStream(Files.readAllBytes(file)), ChunkId.SHA256, SMALL);
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
