package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.ChangePage;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.FilePage;
import io.skysync.service.ManifestStore;
import io.skysync.service.VaultMeta;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The manifest in one Azure table: PartitionKey = vault, RowKey = {@link RowKeys} (the docs/design.md sort
 * keys, escaped). A commit is one entity-group transaction: the vault head replaced under the ETag
 * read with its seq, each entry created (expected version 0) or replaced under the ETag read with
 * its expected version, one log row for the whole commit, one history row per entry. The table
 * service reads are strongly consistent, so the change log is read straight from the log rows.
 */
public final class TableManifestStore implements ManifestStore, AutoCloseable {
    /** meta + 49 entries + 49 history rows + 1 log row = 100, the transaction limit. */
    public static final int MAX_WRITES_PER_COMMIT = 49;
    static final int MAX_ENTITIES_PER_TRANSACTION = 100;
    private static final int PAGE = 1000;

    private final TableClient table;
    private final TableRows rows;
    private final TableDeviceWrites devices;
    private final TableCommit commits;
    private final ExecutorService reads;
    private final TableEntryReads entryReads;
    private final TableBlobRecords blobs;

    public TableManifestStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
        this.devices = new TableDeviceWrites(table);
        this.commits = new TableCommit(table, rows);
        // Point reads of a plan's paths run a few at a time: 1000 sequential round trips are too slow.
        this.reads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "table-reads");
            t.setDaemon(true);
            return t;
        });
        this.entryReads = new TableEntryReads(rows, reads);
        this.blobs = new TableBlobRecords(table, rows, reads, this::submit, Clock.systemUTC(), TableBlobRecords.PAGE);
    }

    @Override
    public boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now) {
        VaultMeta meta = new VaultMeta(vault, Seq.ZERO, Seq.ZERO, now);
        List<TableTransactionAction> actions = List.of(
                new TableTransactionAction(TableTransactionActionType.CREATE, ManifestEntities.meta(meta)),
                new TableTransactionAction(TableTransactionActionType.CREATE, ManifestEntities.device(vault, firstDevice)));
        try {
            submit(vault, actions);
            return true;
        } catch (TableTransactionFailedException e) {
            if (rows.read(vault, RowKeys.META).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<VaultMeta> vault(VaultId vault) {
        return rows.read(vault, RowKeys.META).map(e -> ManifestEntities.meta(vault, e));
    }

    @Override
    public Optional<DeviceRecord> device(VaultId vault, DeviceId device) {
        return rows.read(vault, RowKeys.device(device)).map(ManifestEntities::device);
    }

    @Override
    public List<DeviceRecord> devices(VaultId vault) {
        List<DeviceRecord> out = new ArrayList<>();
        for (TableEntity entity : range(vault, RowKeys.DEVICE_PREFIX, RowKeys.prefixEnd(RowKeys.DEVICE_PREFIX), PAGE)) {
            out.add(ManifestEntities.device(entity));
        }
        return out;
    }

    @Override
    public boolean addDevice(VaultId vault, DeviceRecord device) {
        return devices.add(vault, device);
    }

    @Override
    public boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        return devices.recordSeen(vault, device, lastSeen, cursor);
    }

    @Override
    public boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked, Optional<DeviceId> keeper) {
        return devices.changeAccess(vault, expected, role, revoked, keeper);
    }

    @Override
    public boolean renameDevice(VaultId vault, DeviceId device, String name) {
        return devices.rename(vault, device, name);
    }

    @Override
    public Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths) {
        Map<VaultPath, ManifestEntry> out = new HashMap<>();
        entryReads.files(vault, paths).forEach((path, entity) -> out.put(path, ManifestEntities.entry(entity)));
        return Map.copyOf(out);
    }

    /** The head first, then the entries' rows (a few at a time), with their ETags: see {@link CommitBase}. */
    @Override
    public Optional<CommitBase> readForCommit(VaultId vault, Collection<VaultPath> paths) {
        return entryReads.base(vault, paths).map(base -> base);
    }

    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        EntryWrite.checkBatch(base.seq(), writes, MAX_WRITES_PER_COMMIT);
        TableCommit.TableBase read;
        if (base instanceof TableCommit.TableBase own) {
            read = own;
        } else {
            // A base read elsewhere carries no ETags: read them, and go on only if nothing moved since.
            read = entryReads.base(vault, writes.stream().map(w -> w.entry().path()).toList()).orElseThrow(
                    () -> new IllegalStateException("no vault " + vault + " in this store"));
            if (!read.seq().equals(base.seq()) || !base.expects(writes)) {
                return CommitAttempt.STALE;
            }
        }
        return commits.commit(vault, read, writes);
    }

    @Override
    public int maxWritesPerCommit() {
        return MAX_WRITES_PER_COMMIT;
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return blobs.recordedBlobs(vault, hashes);
    }

    @Override
    public void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        blobs.recordBlobs(vault, sizes);
    }

    @Override
    public void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        blobs.forgetBlobs(vault, hashes);
    }

    @Override
    public ChangePage changesSince(VaultId vault, Seq after, int limit) {
        requirePositive(limit);
        List<ManifestEntry> page = new ArrayList<>();
        long cursor = after.value();
        Iterator<TableEntity> logRows = range(vault, RowKeys.log(after.plus(1)),
                RowKeys.prefixEnd(RowKeys.LOG_PREFIX), Math.min(PAGE, limit + 1)).iterator();
        // Whole commits only: stop after the commit (log row) that reaches the limit.
        while (page.size() < limit && logRows.hasNext()) {
            for (ManifestEntry entry : ManifestEntities.logEntries(logRows.next())) {
                if (entry.seq().value() > after.value()) {
                    page.add(entry);
                    cursor = entry.seq().value();
                }
            }
        }
        return new ChangePage(page, Seq.of(cursor), logRows.hasNext());
    }

    @Override
    public FilePage files(VaultId vault, VaultPath after, int limit) {
        requirePositive(limit);
        String afterGroup = after == null ? "" : RowKeys.group(RowKeys.pathKey(after));
        List<ManifestEntry> out = new ArrayList<>();
        List<ManifestEntry> group = new ArrayList<>();
        String groupKey = null;
        for (TableEntity row : range(vault, RowKeys.FILE_PREFIX + afterGroup,
                RowKeys.prefixEnd(RowKeys.FILE_PREFIX), Math.min(PAGE, limit + 1))) {
            ManifestEntry entry = ManifestEntities.entry(row);
            String key = RowKeys.group(RowKeys.pathKey(entry.path()));
            if (!key.equals(groupKey)) {
                flush(group, afterGroup, after, out);
                if (out.size() > limit) {
                    break;
                }
                groupKey = key;
            }
            group.add(entry);
        }
        flush(group, afterGroup, after, out);
        boolean more = out.size() > limit;
        List<ManifestEntry> page = more ? out.subList(0, limit) : out;
        return new FilePage(page, more ? page.get(limit - 1).path() : null);
    }

    @Override
    public List<ManifestEntry> history(VaultId vault, VaultPath path, int limit) {
        requirePositive(limit);
        String prefix = RowKeys.historyPrefix(path);
        List<ManifestEntry> out = new ArrayList<>();
        for (TableEntity row : range(vault, prefix, RowKeys.prefixEnd(prefix), Math.min(PAGE, limit))) {
            out.add(ManifestEntities.entry(row));
            if (out.size() == limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version) {
        if (version.isNone()) {
            return Optional.empty();
        }
        return rows.read(vault, RowKeys.history(path, version)).map(ManifestEntities::entry);
    }

    @Override
    public void close() {
        reads.shutdownNow();
    }

    private void submit(VaultId vault, List<TableTransactionAction> actions) {
        checkOnePartition(vault.value(), actions);
        table.submitTransaction(actions);
    }

    /**
     * Azure refuses a transaction over two partitions, but Azurite accepts one, so tests against it
     * would not notice: every transaction of the stores here is checked with this first.
     */
    static void checkOnePartition(String partition, List<TableTransactionAction> actions) {
        if (actions.size() > MAX_ENTITIES_PER_TRANSACTION) {
            throw new IllegalArgumentException("a transaction holds at most " + MAX_ENTITIES_PER_TRANSACTION
                    + " entities, got " + actions.size());
        }
        for (TableTransactionAction action : actions) {
            if (!partition.equals(action.getEntity().getPartitionKey())) {
                throw new IllegalArgumentException("a transaction must stay in partition " + partition
                        + ", got " + action.getEntity().getPartitionKey());
            }
        }
    }

    /** Rows of a vault with {@code from <= RowKey < to}, in key order, {@code pageSize} a page. */
    private Iterable<TableEntity> range(VaultId vault, String from, String to, int pageSize) {
        return rows.range(vault, from, to, new ListEntitiesOptions().setTop(pageSize));
    }

    private static void flush(List<ManifestEntry> group, String afterGroup, VaultPath after, List<ManifestEntry> out) {
        group.sort(Comparator.comparing(ManifestEntry::path));
        for (ManifestEntry entry : group) {
            String key = RowKeys.group(RowKeys.pathKey(entry.path()));
            int byGroup = key.compareTo(afterGroup);
            if (after == null || byGroup > 0 || (byGroup == 0 && entry.path().compareTo(after) > 0)) {
                out.add(entry);
            }
        }
        group.clear();
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }
}
