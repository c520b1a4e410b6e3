package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.scan.LocalFile;
import io.skysync.content.Chunk;
import io.skysync.domain.ContentHash;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each chunk of a file being fetched comes from (docs/design.md, "Chunk reuse"), decided
 * without I/O: a chunk an earlier run verified and kept ({@code .skysync/chunks}); else a local
 * file that holds it, by the index's chunk lists: the version being replaced first, then the
 * others by path, so the choice is deterministic; else storage. A place counts only if a usable
 * local file holds its content and its size is the recipe's: the same id with another size is
 * a lie or a collision, and either is fetched.
 */
final class ChunkSources {
    private ChunkSources() {
    }

    /** One chunk's source. */
    sealed interface Source {
        /** Read from the chunk folder, where it lies verified (kept, or fetched by this run). */
        record Stored() implements Source {
        }

        /** Read from {@code file} at {@code offset}, checked against its id as it is read. */
        record Local(LocalFile file, long offset) implements Source {
        }

        /** Fetched from storage into the chunk folder. */
        record Fetch() implements Source {
        }
    }

    static final Source STORED = new Source.Stored();
    static final Source FETCH = new Source.Fetch();

    /**
     * The source of each distinct chunk of {@code chunks}, in recipe order.
     *
     * @param kept      the chunks lying verified in the chunk folder
     * @param located   where the index says local contents hold chunks
     * @param usable    the local file to read for each content, only those still as the scan saw them
     * @param preferred the content of the version being replaced, or null
     */
    static Map<ContentHash, Source> plan(List<Chunk> chunks, Set<ContentHash> kept, List<ChunkIndex.Located> located,
                                         Map<ContentHash, LocalFile> usable, ContentHash preferred) {
        Map<ContentHash, Integer> sizes = new HashMap<>();
        chunks.forEach(c -> sizes.putIfAbsent(c.id(), c.size()));
        Comparator<ChunkIndex.Located> order = Comparator
                .comparing((ChunkIndex.Located l) -> !l.content().equals(preferred))
                .thenComparing(l -> usable.get(l.content()).path())
                .thenComparingLong(ChunkIndex.Located::offset);
        Map<ContentHash, ChunkIndex.Located> best = new HashMap<>();
        for (ChunkIndex.Located place : located) {
            Integer size = sizes.get(place.chunk());
            if (size == null || size != place.size() || !usable.containsKey(place.content())) {
                continue;
            }
            best.merge(place.chunk(), place, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        Map<ContentHash, Source> out = new LinkedHashMap<>();
        for (Chunk chunk : chunks) {
            out.computeIfAbsent(chunk.id(), id -> {
                if (kept.contains(id)) {
                    return STORED;
                }
                ChunkIndex.Located place = best.get(id);
                return place == null ? FETCH : new Source.Local(usable.get(place.content()), place.offset());
            });
        }
        return out;
    }
}
