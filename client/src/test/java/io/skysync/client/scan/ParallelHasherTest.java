package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelHasherTest {
    @TempDir
    Path dir;

    @Test
    void hash_manyFilesOnSeveralWorkers_answersEachFilesHashInTheOrderAsked() throws Exception {
        List<Path> files = new ArrayList<>();
        List<ContentHash> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] content = ("file " + i + " ").repeat(i % 7 == 0 ? 40_000 : 1 + i).getBytes(StandardCharsets.UTF_8);
            Path file = Files.write(dir.resolve("f" + i), content);
            files.add(file);
            expected.add(ContentHash.ofBytes(content));
        }
        files.add(3, dir.resolve("missing"));
        expected.add(3, null);

        for (int threads : new int[] {1, 3, 8}) {
            List<Hasher.Result> results = new ParallelHasher(threads).hash(files);

            assertThat(results).extracting(Hasher.Result::file).containsExactlyElementsOf(files);
            assertThat(results).extracting(Hasher.Result::hash).containsExactlyElementsOf(expected);
            assertThat(results.get(3).error()).contains("NoSuchFileException");
        }
    }

    @Test
    void hash_oneWorkerThroughFilesLongerThanItsBufferThenShorterOnes_hashesEachFileAlone() throws Exception {
        byte[] longer = random(1, FileDigest.BUFFER * 2 + 17);
        byte[] shorter = random(2, 100);
        List<Path> files = List.of(Files.write(dir.resolve("long"), longer), dir.resolve("missing"),
                Files.write(dir.resolve("short"), shorter), Files.write(dir.resolve("empty"), new byte[0]),
                Files.createDirectory(dir.resolve("folder")), Files.write(dir.resolve("long-again"), longer));

        List<Hasher.Result> results = new ParallelHasher(1).hash(files);

        assertThat(results).extracting(Hasher.Result::hash).containsExactly(ContentHash.ofBytes(longer), null,
                ContentHash.ofBytes(shorter), ContentHash.EMPTY, null, ContentHash.ofBytes(longer));
    }

    @Test
    void hash_fileRewrittenBetweenTwoHashesOfOneHasher_answersItsNewContent() throws Exception {
        Path file = Files.write(dir.resolve("f"), random(3, 5000));
        ParallelHasher hasher = new ParallelHasher(1);
        hasher.hash(List.of(file));
        byte[] rewritten = random(4, 5000);
        Files.write(file, rewritten);

        assertThat(hasher.hash(List.of(file), List.of(5000L))).extracting(Hasher.Result::hash)
                .containsExactly(ContentHash.ofBytes(rewritten));
    }

    @Test
    void hash_symlink_isRefusedAndNotFollowed() throws Exception {
        Path target = Files.write(dir.resolve("target"), random(5, 10));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link"), target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links are not available here");
            return;
        }

        for (int threads : new int[] {1, 2}) {
            List<Hasher.Result> results = new ParallelHasher(threads).hash(List.of(link, target));

            assertThat(results.get(0).hash()).isNull();
            assertThat(results.get(0).error()).contains("is a symbolic link");
            assertThat(results.get(1).hash()).isEqualTo(ContentHash.ofBytes(random(5, 10)));
        }
        assertThatThrownBy(() -> ParallelHasher.sha256(link)).hasMessageContaining("is a symbolic link");
    }

    @Test
    void workers_fewBytesToHash_staysOnTheCallingThread_andMoreUsesEveryThread() {
        assertThat(ParallelHasher.workers(4, List.of(4096L, 4096L, 4096L))).isEqualTo(1);
        assertThat(ParallelHasher.workers(4, List.of(ParallelHasher.POOL_FROM_BYTES, 1L, 1L))).isEqualTo(3);
        assertThat(ParallelHasher.workers(2, List.of(ParallelHasher.POOL_FROM_BYTES, 1L, 1L))).isEqualTo(2);
        List<Long> manySmall = Collections.nCopies(
                (int) (ParallelHasher.POOL_FROM_BYTES / ParallelHasher.PER_FILE_BYTES), 0L);
        assertThat(ParallelHasher.workers(2, manySmall)).as("each file's opening counts").isEqualTo(2);
    }

    @Test
    void hash_withSizesThatSayLittleOrMuch_answersTheSameHashes() throws Exception {
        List<Path> files = new ArrayList<>();
        List<ContentHash> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] content = random(10 + i, 1000 * i);
            files.add(Files.write(dir.resolve("s" + i), content));
            expected.add(ContentHash.ofBytes(content));
        }

        for (long told : new long[] {1, ParallelHasher.POOL_FROM_BYTES}) {
            List<Hasher.Result> results = new ParallelHasher(2).hash(files, Collections.nCopies(20, told));

            assertThat(results).extracting(Hasher.Result::hash).containsExactlyElementsOf(expected);
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
