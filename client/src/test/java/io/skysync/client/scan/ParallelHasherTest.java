package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
