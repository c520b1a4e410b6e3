package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.scan.LocalFile;
import io.skysync.content.Chunk;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where each chunk of a fetched file comes from, by small named cases: no I/O, so no files. */
class ChunkSourcesTest {
    private static final Chunk C1 = chunk("c1", 10);
    private static final Chunk C2 = chunk("c2", 20);
    private static final Chunk C3 = chunk("c3", 30);
    private static final ContentHash OLD = hash("old version");
    private static final ContentHash OTHER = hash("another file");
    private final Map<ContentHash, LocalFile> usable = new HashMap<>();
    private final List<ChunkIndex.Located> located = new ArrayList<>();

    @Test
    void nothingLocal_everyChunkIsFetched_onceEach() {
        assertThat(plan(List.of(C1, C2, C1), Set.of(), null))
                .containsExactly(Map.entry(C1.id(), ChunkSources.FETCH), Map.entry(C2.id(), ChunkSources.FETCH));
    }

    @Test
    void keptChunk_isReadFromTheChunkFolder_beforeAnyLocalFile() {
        holds(file("a.bin", OTHER), C1, 0);

        assertThat(plan(List.of(C1), Set.of(C1.id()), null)).containsEntry(C1.id(), ChunkSources.STORED);
    }

    @Test
    void chunkAnotherLocalFileHolds_isReadFromIt_atItsOffset() {
        LocalFile other = file("copy.bin", OTHER);
        holds(other, C2, 10);

        assertThat(plan(List.of(C1, C2), Set.of(), null)).containsEntry(C1.id(), ChunkSources.FETCH)
                .containsEntry(C2.id(), new ChunkSources.Source.Local(other, 10));
    }

    @Test
    void versionBeingReplaced_isPreferred_overAFileEarlierByPath() {
        LocalFile earlier = file("a.bin", OTHER);
        LocalFile previous = file("z.bin", OLD);
        holds(earlier, C3, 0);
        holds(previous, C3, 50);

        assertThat(plan(List.of(C3), Set.of(), OLD)).containsEntry(C3.id(), new ChunkSources.Source.Local(previous, 50));
    }

    @Test
    void twoOtherFiles_theFirstByPathIsRead_whateverTheOrderOfTheIndexAnswer() {
        LocalFile late = file("z.bin", OLD);
        LocalFile first = file("a.bin", OTHER);
        holds(late, C1, 0);
        holds(first, C1, 40);

        assertThat(plan(List.of(C1), Set.of(), null)).containsEntry(C1.id(), new ChunkSources.Source.Local(first, 40));
    }

    @Test
    void contentNoUsableFileHolds_isFetched() {
        // The index knows the content, but no file the scan found (and that is still as it saw it) holds it.
        located.add(new ChunkIndex.Located(C1.id(), OTHER, 0, C1.size()));

        assertThat(plan(List.of(C1), Set.of(), null)).containsEntry(C1.id(), ChunkSources.FETCH);
    }

    @Test
    void sameIdWithAnotherSize_isNotTrusted_andFetched() {
        LocalFile other = file("copy.bin", OTHER);
        usable.put(OTHER, other);
        located.add(new ChunkIndex.Located(C1.id(), OTHER, 0, C1.size() + 1));

        assertThat(plan(List.of(C1), Set.of(), null)).containsEntry(C1.id(), ChunkSources.FETCH);
    }

    @Test
    void placeOfAChunkTheRecipeDoesNotName_isIgnored() {
        holds(file("copy.bin", OTHER), C3, 0);

        assertThat(plan(List.of(C1), Set.of(), null)).containsOnlyKeys(C1.id()).containsEntry(C1.id(), ChunkSources.FETCH);
    }

    private Map<ContentHash, ChunkSources.Source> plan(List<Chunk> chunks, Set<ContentHash> kept, ContentHash preferred) {
        return ChunkSources.plan(chunks, kept, located, usable, preferred);
    }

    private void holds(LocalFile file, Chunk chunk, long offset) {
        usable.put(file.hash(), file);
        located.add(new ChunkIndex.Located(chunk.id(), file.hash(), offset, chunk.size()));
    }

    private static LocalFile file(String path, ContentHash content) {
        return new LocalFile(VaultPath.of(path), path, 100, 1, null, content);
    }

    private static Chunk chunk(String name, int size) {
        return new Chunk(hash(name), size);
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
