package io.skysync.aws;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * The hosted manifest in one DynamoDB table (layout in docs/aws.md), with the blob records
 * ({@link DynamoDbBlobRecords}). A commit is one {@code TransactWriteItems} ({@link CommitTransaction}); the change feed is read from the log items
 * with strongly consistent queries, never from a GSI, which is eventually consistent and could show
 * seq 11 before seq 10. Every read here is strongly consistent.
 */
public final class DynamoDbManifestStore implements ManifestStore {
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbDeviceWrites devices;
    private final EntryBatchReads entryReads;
    private final DynamoDbBlobRecords blobs;

    public DynamoDbManifestStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(tableName, "tableName");
        this.devices = new DynamoDbDeviceWrites(client, tableName);
        DynamoDbBatches batches = new DynamoDbBatches(client, tableName);
        this.entryReads = new EntryBatchReads(batches);
        this.blobs = new DynamoDbBlobRecords(batches, Clock.systemUTC());
    }

    /** Creates the table (pk/sk strings, on-demand) unless it exists, and waits until it is active. */
    public static void createTable(DynamoDbClient client, String tableName) {
        try {
            client.createTable(CreateTableRequest.builder()
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(ItemCodec.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(ItemCodec.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(ItemCodec.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(ItemCodec.SK).keyType(KeyType.RANGE).build())
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            // Idempotent: another caller (or an earlier run) created it.
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    @Override
    public boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now) {
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(ItemCodec.meta(vault, Seq.ZERO, Seq.ZERO, now))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(ItemCodec.deviceItem(vault, firstDevice)).build()).build());
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(b -> b.transactItems(items));
                return true;
            } catch (TransactionCanceledException e) {
                if (e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                    return false;
                }
                if (attempt == MAX_CREATE_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    @Override
    public Optional<VaultMeta> vault(VaultId vault) {
        return get(vault, SortKeys.META).map(item -> ItemCodec.meta(vault, item));
    }

    @Override
    public Optional<DeviceRecord> device(VaultId vault, DeviceId device) {
        return get(vault, SortKeys.device(device)).map(ItemCodec::device);
    }

    @Override
    public List<DeviceRecord> devices(VaultId vault) {
        List<DeviceRecord> out = new ArrayList<>();
        query(vault, "begins_with(sk, :prefix)", Map.of(":prefix", ItemCodec.s(SortKeys.DEVICE_PREFIX)), true, 100)
                .forEachRemaining(item -> out.add(ItemCodec.device(item)));
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
    public boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked,
                                Optional<DeviceId> keeper) {
        return devices.changeAccess(vault, expected, role, revoked, keeper);
    }

    @Override
    public boolean renameDevice(VaultId vault, DeviceId device, String name) {
        return devices.rename(vault, device, name);
    }

    @Override
    public Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths) {
        return entryReads.read(vault, paths);
    }

    /**
     * The head and the entries in one {@code BatchGetItem}, in no particular order: the commit's
     * transaction is conditional on the head's seq and on each written entry's version as read here,
     * so an entry that moved after it was read fails the transaction like a moved head.
     */
    @Override
    public Optional<CommitBase> readForCommit(VaultId vault, Collection<VaultPath> paths) {
        EntryBatchReads.HeadAndEntries read = entryReads.readWithHead(vault, paths);
        return Optional.ofNullable(read.head())
                .map(head -> CommitBase.of(ItemCodec.meta(vault, head).seq(), read.entries()));
    }

    /**
     * One {@code TransactWriteItems}, conditional on the head's seq and each entry's version (the
     * values the base read), so it needs no read of its own. A lost race is {@link CommitAttempt#STALE}
     * at once: the caller backs off ({@code RetryPolicy}), not the store.
     */
    @Override
    public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
        EntryWrite.checkBatch(base.seq(), writes, CommitTransaction.MAX_WRITES);
        CommitTransaction.requireFits(writes);
        if (!base.expects(writes)) {
            return CommitAttempt.STALE;
        }
        CommitTransaction transaction = new CommitTransaction(table, vault, writes, base.entries());
        List<TransactWriteItem> items = transaction.items(base.seq());
        try {
            client.transactWriteItems(b -> b.transactItems(items));
            return CommitAttempt.APPLIED;
        } catch (TransactionCanceledException e) {
            return transaction.outcome(e.cancellationReasons());
        } catch (TransactionInProgressException e) {
            return CommitAttempt.STALE;
        }
    }

    @Override
    public int maxWritesPerCommit() {
        return CommitTransaction.MAX_WRITES;
    }

    @Override
    public int fitting(List<EntryWrite> writes) {
        return CommitTransaction.fitting(writes);
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return hashes.isEmpty() ? Map.of() : blobs.recordedBlobs(vault, hashes);
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
        // A log item is keyed by its commit's last seq, so the first item past the cursor is the
        // one whose key is greater: it may start before the cursor if the cursor is mid-commit.
        Iterator<Map<String, AttributeValue>> log = query(vault, "sk BETWEEN :from AND :to",
                Map.of(":from", ItemCodec.s(SortKeys.LOG_PREFIX + SortKeys.pad(after.value() + 1)),
                        ":to", ItemCodec.s(SortKeys.LOG_END)),
                true, Math.min(limit, 100));
        List<ManifestEntry> page = new ArrayList<>();
        Seq cursor = after;
        while (log.hasNext()) {
            if (page.size() >= limit) {
                return new ChangePage(page, cursor, true);
            }
            for (ManifestEntry entry : ItemCodec.logEntries(log.next())) {
                if (entry.seq().compareTo(after) > 0) {
                    page.add(entry);
                    cursor = entry.seq();
                }
            }
        }
        return new ChangePage(page, cursor, false);
    }

    @Override
    public FilePage files(VaultId vault, VaultPath after, int limit) {
        requirePositive(limit);
        String from = after == null ? SortKeys.FILE_PREFIX : SortKeys.file(after);
        Iterator<Map<String, AttributeValue>> items = query(vault, "sk BETWEEN :from AND :to",
                Map.of(":from", ItemCodec.s(from), ":to", ItemCodec.s(SortKeys.FILE_END)),
                true, Math.min(limit + 1, 1000));
        List<ManifestEntry> page = new ArrayList<>();
        while (items.hasNext()) {
            ManifestEntry entry = ItemCodec.entry(items.next());
            if (entry.path().equals(after)) {
                continue; // BETWEEN is inclusive; the page starts after the cursor
            }
            if (page.size() == limit) {
                return new FilePage(page, page.get(page.size() - 1).path());
            }
            page.add(entry);
        }
        return new FilePage(page, null);
    }

    /**
     * The current version from the path's file item, then the replaced ones from its history items,
     * newest first: a commit copies a version to history only when it replaces it
     * ({@link CommitTransaction}). The history items are read after the file item, so the list is
     * the path as that read found it: an item at or past its version is the current one (a table
     * from before that layout holds it as history too) or one a commit replaced since, left out.
     */
    @Override
    public List<ManifestEntry> history(VaultId vault, VaultPath path, int limit) {
        requirePositive(limit);
        List<ManifestEntry> out = new ArrayList<>();
        get(vault, SortKeys.file(path)).map(ItemCodec::entry).ifPresent(out::add);
        Iterator<Map<String, AttributeValue>> items = query(vault, "begins_with(sk, :prefix)",
                Map.of(":prefix", ItemCodec.s(SortKeys.historyPrefix(path))), false, Math.min(limit + 1, 1000));
        while (items.hasNext() && out.size() < limit) {
            ManifestEntry kept = ItemCodec.entry(items.next());
            if (out.isEmpty() || kept.version().compareTo(out.get(0).version()) < 0) {
                out.add(kept);
            }
        }
        return out;
    }

    /**
     * A replaced version from its history item; the current one from the file item (see
     * {@link #history}). A file item already past {@code version} means a commit replaced it since
     * the first look, and that commit copied it to history: looked up there again.
     */
    @Override
    public Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version) {
        if (version.isNone()) {
            return Optional.empty();
        }
        Optional<ManifestEntry> kept = get(vault, SortKeys.history(path, version)).map(ItemCodec::entry);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<ManifestEntry> current = get(vault, SortKeys.file(path)).map(ItemCodec::entry);
        if (current.isPresent() && current.get().version().compareTo(version) > 0) {
            return get(vault, SortKeys.history(path, version)).map(ItemCodec::entry);
        }
        return current.filter(entry -> entry.version().equals(version));
    }

    private Optional<Map<String, AttributeValue>> get(VaultId vault, String sortKey) {
        var response = client.getItem(b -> b.tableName(table).key(ItemCodec.key(vault, sortKey)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The vault's items matching a sort-key condition, fetched page by page as the caller reads. */
    private Iterator<Map<String, AttributeValue>> query(VaultId vault, String sortKeyCondition,
                                                         Map<String, AttributeValue> values, boolean forward, int pageSize) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pk", ItemCodec.s(SortKeys.partition(vault)));
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND " + sortKeyCondition)
                .expressionAttributeValues(all)
                .consistentRead(true)
                .scanIndexForward(forward)
                .limit(pageSize)
                .build();
        return client.queryPaginator(request).items().iterator();
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
    }

    /** A short random pause before a retry, so that contending writers spread out. */
    static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(2, 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
