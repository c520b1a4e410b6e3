package io.skysync.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Many file rows of {@link TableManifestStore} at once (Table Storage has no batch read): a range
 * query where it answers for many paths, point reads a few at a time for the rest; and a commit
 * round's base.
 */
final class TableEntryReads {
    private static final int PAGE = 1000;
    /** Fewer paths are read one by one at once: a range query would not save a round trip. */
    private static final int RANGE_MIN = 8;
    /** How many paths pay for one page of the range query (a page reads up to 1000 rows). */
    private static final int PATHS_PER_PAGE = 25;

    private final TableRows rows;
    private final ExecutorService reads;

    TableEntryReads(TableRows rows, ExecutorService reads) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    /**
     * The file rows of those paths that have one. Many paths are first looked for in one range
     * query over their keys (a page of {@value #PAGE} rows, as many pages as the paths pay for): a
     * first sync's paths are usually all new, and one query finds that out. Paths the pages did not
     * reach are read one by one, a few at a time.
     */
    Map<VaultPath, TableEntity> files(VaultId vault, Collection<VaultPath> paths) {
        TreeMap<String, VaultPath> keys = new TreeMap<>();
        new HashSet<>(paths).forEach(p -> keys.put(RowKeys.file(p), p));
        Map<VaultPath, TableEntity> out = new HashMap<>();
        if (keys.size() >= RANGE_MIN) {
            scan(vault, keys, out);
        }
        Map<VaultPath, CompletableFuture<Optional<TableEntity>>> pending = new LinkedHashMap<>();
        keys.forEach((key, path) -> pending.put(path, CompletableFuture.supplyAsync(() -> rows.read(vault, key), reads)));
        pending.forEach((path, future) -> future.join().ifPresent(entity -> out.put(path, entity)));
        return out;
    }

    /** Takes the keys a range query of their span answers out of {@code keys}, their rows into {@code out}. */
    private void scan(VaultId vault, TreeMap<String, VaultPath> keys, Map<VaultPath, TableEntity> out) {
        int budget = Math.max(1, keys.size() / PATHS_PER_PAGE);
        Iterator<PagedResponse<TableEntity>> pages = rows.range(vault, keys.firstKey(), RowKeys.prefixEnd(keys.lastKey()),
                new ListEntitiesOptions().setTop(PAGE)).iterableByPage().iterator();
        for (int read = 0; read < budget && pages.hasNext(); read++) {
            PagedResponse<TableEntity> page = pages.next();
            String last = null;
            for (TableEntity row : page.getValue()) {
                VaultPath path = keys.get(row.getRowKey());
                if (path != null) {
                    out.put(path, row);
                }
                last = row.getRowKey();
            }
            if (page.getContinuationToken() == null) {
                keys.clear();
                return;
            }
            if (last != null) {
                keys.headMap(last, true).clear();
            }
        }
    }

    /**
     * The head, then the file rows of {@code paths} (as CommitBase reads): the
     * order matters here, since a failed transaction is read as a lost race only if the head moved,
     * which every entry change does after this head read. Empty if there is no such vault.
     */
    Optional<TableCommit.TableBase> base(VaultId vault, Collection<VaultPath> paths) {
        Optional<TableEntity> head = rows.read(vault, RowKeys.META);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<VaultPath, TableEntity> files = files(vault, paths);
        Map<VaultPath, ManifestEntry> entries = new HashMap<>();
        files.forEach((path, file) -> entries.put(path, ManifestEntities.entry(file)));
        return Optional.of(new TableCommit.TableBase(ManifestEntities.meta(vault, head.get()).seq(), entries,
                head.get(), files));
    }
}
