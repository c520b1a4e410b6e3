package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobMark;
import io.skysync.service.RetentionStore;
import io.skysync.service.VaultMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What the clean-up needs of the manifest table: the vault list (a query on {@code RowKey eq
 * 'meta'}, across partitions: fine once a day), log and history pruning, referenced hashes, and
 * blob marks as rows {@code gc#<hash>} (encoded by {@link RowKeys}) whose every change is a
 * conditional write under the ETag just read. The vault head is replaced under its ETag too, so
 * raising the log floor and a commit never overwrite each other.
 */
public final class TableRetentionStore implements RetentionStore {
    static final String GC_PREFIX = RowKeys.encode("gc#");
    private static final int MAX_ROUNDS = 100;

    private final TableClient table;
    private final TableRows rows;
    private final TableCleanupLease lease;

    public TableRetentionStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
        this.lease = new TableCleanupLease(table);
    }

    @Override
    public List<VaultId> vaults() {
        List<VaultId> out = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter("RowKey eq '" + RowKeys.META + "'")
                        .setSelect(List.of("PartitionKey")), null, null)
                .forEach(row -> out.add(new VaultId(row.getPartitionKey())));
        return out;
    }

    @Override
    public Seq lastLogSeqBefore(VaultId vault, Instant cutoff) {
        Seq last = Seq.ZERO;
        for (TableEntity row : range(vault, RowKeys.LOG_PREFIX, RowKeys.prefixEnd(RowKeys.LOG_PREFIX), null)) {
            List<ManifestEntry> entries = ManifestEntities.logEntries(row);
            if (!entries.get(0).updatedAt().isBefore(cutoff)) {
                break;
            }
            last = entries.get(entries.size() - 1).seq();
        }
        return last;
    }

    @Override
    public void pruneLog(VaultId vault, Seq floor) {
        Seq raised = raiseFloor(vault, floor);
        if (raised.value() == 0) {
            return;
        }
        // A log row is keyed by its commit's last seq: rows up to the floor, and no row that straddles it.
        for (TableEntity row : range(vault, RowKeys.LOG_PREFIX, RowKeys.log(raised.plus(1)), List.of("PartitionKey", "RowKey"))) {
            delete(vault, row.getRowKey());
        }
    }

    @Override
    public Stream<ManifestEntry> historyRecords(VaultId vault) {
        return StreamSupport.stream(range(vault, RowKeys.HISTORY_PREFIX, RowKeys.prefixEnd(RowKeys.HISTORY_PREFIX), null)
                .spliterator(), false).map(ManifestEntities::entry);
    }

    @Override
    public void deleteHistory(VaultId vault, Collection<ManifestEntry> records) {
        for (ManifestEntry record : records) {
            delete(vault, RowKeys.history(record.path(), record.version()));
        }
    }

    @Override
    public Set<ContentHash> referencedHashes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        List<String> select = List.of("hash", ManifestEntities.RECIPE);
        for (String prefix : List.of(RowKeys.FILE_PREFIX, RowKeys.HISTORY_PREFIX)) {
            range(vault, prefix, RowKeys.prefixEnd(prefix), select).forEach(row -> {
                // A chunked entry's content has no blob of its own: its recipe and chunks are its blobs.
                Object hash = row.getProperty("hash");
                if (hash instanceof String hex && !(row.getProperty(ManifestEntities.RECIPE) instanceof String)) {
                    out.add(new ContentHash(hex));
                }
            });
        }
        return out;
    }

    @Override
    public Set<ContentHash> referencedRecipes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        List<String> select = List.of(ManifestEntities.RECIPE);
        for (String prefix : List.of(RowKeys.FILE_PREFIX, RowKeys.HISTORY_PREFIX)) {
            range(vault, prefix, RowKeys.prefixEnd(prefix), select).forEach(row -> {
                if (row.getProperty(ManifestEntities.RECIPE) instanceof String hex) {
                    out.add(new ContentHash(hex));
                }
            });
        }
        return out;
    }

    @Override
    public boolean holdLease(VaultId vault, String owner, Instant now, Instant until) {
        return lease.hold(vault, owner, now, until);
    }

    @Override
    public void releaseLease(VaultId vault, String owner) {
        lease.release(vault, owner);
    }

    // ----- blob marks -----

    /**
     * One query over the vault's marks, filtered here: marks exist only for blobs nobody references
     * (usually few), and one query beats a read per wanted hash on a commit of many files.
     */
    @Override
    public Map<ContentHash, BlobMark> marks(VaultId vault, Collection<ContentHash> hashes) {
        Set<ContentHash> wanted = new HashSet<>(hashes);
        Map<ContentHash, BlobMark> out = new HashMap<>();
        for (BlobMark mark : marks(vault)) {
            if (wanted.contains(mark.hash())) {
                out.put(mark.hash(), mark);
            }
        }
        return out;
    }

    @Override
    public List<BlobMark> marks(VaultId vault) {
        List<BlobMark> out = new ArrayList<>();
        range(vault, GC_PREFIX, RowKeys.prefixEnd(GC_PREFIX), null).forEach(row -> out.add(mark(row)));
        return out;
    }

    @Override
    public boolean mark(VaultId vault, ContentHash hash, Instant at) {
        return rows.createIfAbsent(markRow(vault, new BlobMark(hash, at, false)));
    }

    @Override
    public boolean doom(VaultId vault, BlobMark marked) {
        if (marked.doomed()) {
            return false;
        }
        Optional<TableEntity> row = rows.read(vault, GC_PREFIX + marked.hash().hex());
        if (row.isEmpty() || !mark(row.get()).equals(marked)) {
            return false;
        }
        return conditional(() -> table.updateEntityWithResponse(
                ManifestEntities.withETag(markRow(vault, marked.asDoomed()), row.get().getETag()),
                TableEntityUpdateMode.REPLACE, true, null, null));
    }

    @Override
    public boolean remove(VaultId vault, BlobMark expected) {
        Optional<TableEntity> row = rows.read(vault, GC_PREFIX + expected.hash().hex());
        if (row.isEmpty() || !mark(row.get()).equals(expected)) {
            return false;
        }
        return rows.deleteIfUnchanged(row.get());
    }

    // ----- helpers -----

    /** Raises the head's floor under its ETag, re-reading after a lost race; answers the floor now stored. */
    private Seq raiseFloor(VaultId vault, Seq floor) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<TableEntity> head = rows.read(vault, RowKeys.META);
            if (head.isEmpty()) {
                return Seq.ZERO;
            }
            VaultMeta meta = ManifestEntities.meta(vault, head.get());
            Seq capped = floor.compareTo(meta.seq()) > 0 ? meta.seq() : floor;
            if (capped.compareTo(meta.logFloor()) <= 0) {
                return meta.logFloor();
            }
            TableEntity next = ManifestEntities.withETag(ManifestEntities.meta(
                    new VaultMeta(vault, meta.seq(), capped, meta.createdAt())), head.get().getETag());
            if (conditional(() -> table.updateEntityWithResponse(next, TableEntityUpdateMode.REPLACE, true, null, null))) {
                return capped;
            }
        }
        throw new IllegalStateException("the head of vault " + vault + " kept changing; the next run retries");
    }

    private static TableEntity markRow(VaultId vault, BlobMark mark) {
        return new TableEntity(vault.value(), GC_PREFIX + mark.hash().hex())
                .addProperty("blob", mark.hash().hex())
                .addProperty("markedAt", mark.markedAt().toString())
                .addProperty("doomed", mark.doomed());
    }

    private static BlobMark mark(TableEntity row) {
        return new BlobMark(new ContentHash((String) row.getProperty("blob")),
                Instant.parse((String) row.getProperty("markedAt")), Boolean.TRUE.equals(row.getProperty("doomed")));
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    private void delete(VaultId vault, String rowKey) {
        try {
            table.deleteEntity(vault.value(), rowKey);
        } catch (TableServiceException e) {
            if (!TableStatus.is(e, TableStatus.NOT_FOUND)) {
                throw e;
            }
        }
    }

    /** Rows of a vault with {@code from <= RowKey < to}, in key order; all properties if {@code select} is null. */
    private Iterable<TableEntity> range(VaultId vault, String from, String to, List<String> select) {
        ListEntitiesOptions options = new ListEntitiesOptions();
        if (select != null) {
            options.setSelect(select);
        }
        return rows.range(vault, from, to, options);
    }
}
