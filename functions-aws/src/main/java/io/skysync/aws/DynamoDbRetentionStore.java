package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobMark;
import io.skysync.service.RetentionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the clean-up needs of the manifest table (docs/aws.md): the vault list (a Scan filtered on
 * {@code sk = meta}: it reads the whole table, which is fine once a day; a sparse index would make it
 * cheaper), log and history pruning, referenced hashes, and blob marks as {@code sk = gc#<hash>}
 * items whose every change is one conditional write. Every read is strongly consistent.
 */
public final class DynamoDbRetentionStore implements RetentionStore {
    static final String GC_PREFIX = "gc#";
    private static final int BATCH_WRITE = 25;
    private static final int BATCH_GET = 100;
    private static final int MAX_ROUNDS = 10;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbCleanupLease lease;

    public DynamoDbRetentionStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(tableName, "tableName");
        this.lease = new DynamoDbCleanupLease(client, tableName);
    }

    @Override
    public List<VaultId> vaults() {
        List<VaultId> out = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("sk = :meta").projectionExpression("pk")
                        .expressionAttributeValues(Map.of(":meta", ItemCodec.s(SortKeys.META))))
                .items().forEach(item -> out.add(new VaultId(item.get(ItemCodec.PK).s().substring("vault#".length()))));
        return out;
    }

    @Override
    public Seq lastLogSeqBefore(VaultId vault, Instant cutoff) {
        Seq last = Seq.ZERO;
        Iterator<Map<String, AttributeValue>> log = query(vault, "sk BETWEEN :from AND :to",
                Map.of(":from", ItemCodec.s(SortKeys.LOG_PREFIX), ":to", ItemCodec.s(SortKeys.LOG_END)), null);
        while (log.hasNext()) {
            List<ManifestEntry> entries = ItemCodec.logEntries(log.next());
            // One commit, one time: all entries of a log item share updatedAt.
            if (!entries.get(0).updatedAt().isBefore(cutoff)) {
                break;
            }
            last = entries.get(entries.size() - 1).seq();
        }
        return last;
    }

    @Override
    public void pruneLog(VaultId vault, Seq floor) {
        Optional<Map<String, AttributeValue>> meta = get(vault, SortKeys.META);
        if (meta.isEmpty()) {
            return;
        }
        long head = ItemCodec.num(meta.get(), ItemCodec.SEQ);
        long capped = Math.min(floor.value(), head);
        if (capped > ItemCodec.num(meta.get(), ItemCodec.LOG_FLOOR)) {
            try {
                // Touches only logFloor: a commit's conditional update of seq is unaffected.
                client.updateItem(b -> b.tableName(table).key(ItemCodec.key(vault, SortKeys.META))
                        .updateExpression("SET #floor = :floor")
                        .conditionExpression("attribute_exists(pk) AND #floor < :floor")
                        .expressionAttributeNames(Map.of("#floor", ItemCodec.LOG_FLOOR))
                        .expressionAttributeValues(Map.of(":floor", ItemCodec.n(capped))));
            } catch (ConditionalCheckFailedException higherAlready) {
                // Another run raised it at least as far; the deletes below are still correct.
            }
        }
        long raised = Math.max(capped, ItemCodec.num(get(vault, SortKeys.META).orElseThrow(), ItemCodec.LOG_FLOOR));
        // A log item is keyed by its commit's last seq: one that straddles the floor stays.
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        query(vault, "sk BETWEEN :from AND :to", Map.of(":from", ItemCodec.s(SortKeys.LOG_PREFIX),
                ":to", ItemCodec.s(SortKeys.LOG_PREFIX + SortKeys.pad(raised))), "pk, sk")
                .forEachRemaining(item -> keys.add(Map.of(ItemCodec.PK, item.get(ItemCodec.PK), ItemCodec.SK, item.get(ItemCodec.SK))));
        deleteAll(keys);
    }

    /**
     * The current entries (file items) and the history items: a commit copies a version to history
     * only when it replaces it ({@link CommitTransaction}), and the clean-up weighs every version.
     * The file items are read first, as in {@link #referencedHashes}: a version replaced between the
     * two reads is then in the second, and listed once, like one a table from before that layout
     * holds both ways.
     */
    @Override
    public Stream<ManifestEntry> historyRecords(VaultId vault) {
        List<ManifestEntry> records = new ArrayList<>();
        Set<String> current = new HashSet<>();
        query(vault, "sk BETWEEN :from AND :to", Map.of(":from", ItemCodec.s(SortKeys.FILE_PREFIX),
                ":to", ItemCodec.s(SortKeys.FILE_END)), null).forEachRemaining(item -> {
                    ManifestEntry entry = ItemCodec.entry(item);
                    records.add(entry);
                    current.add(SortKeys.history(entry.path(), entry.version()));
                });
        query(vault, "begins_with(sk, :prefix)", Map.of(":prefix", ItemCodec.s(SortKeys.HIST_PREFIX)), null)
                .forEachRemaining(item -> {
                    if (!current.contains(item.get(ItemCodec.SK).s())) {
                        records.add(ItemCodec.entry(item));
                    }
                });
        return records.stream();
    }

    @Override
    public void deleteHistory(VaultId vault, Collection<ManifestEntry> records) {
        deleteAll(records.stream().map(r -> ItemCodec.key(vault, SortKeys.history(r.path(), r.version()))).distinct().toList());
    }

    @Override
    public Set<ContentHash> referencedHashes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        Map<String, String> names = Map.of("#h", "hash", "#r", ItemCodec.RECIPE);
        query(vault, "sk BETWEEN :from AND :to", Map.of(":from", ItemCodec.s(SortKeys.FILE_PREFIX),
                ":to", ItemCodec.s(SortKeys.FILE_END)), "#h, #r", names).forEachRemaining(item -> addHash(item, out));
        query(vault, "begins_with(sk, :prefix)", Map.of(":prefix", ItemCodec.s(SortKeys.HIST_PREFIX)), "#h, #r", names)
                .forEachRemaining(item -> addHash(item, out));
        return out;
    }

    @Override
    public Set<ContentHash> referencedRecipes(VaultId vault) {
        Set<ContentHash> out = new HashSet<>();
        Map<String, String> names = Map.of("#r", ItemCodec.RECIPE);
        query(vault, "sk BETWEEN :from AND :to", Map.of(":from", ItemCodec.s(SortKeys.FILE_PREFIX),
                ":to", ItemCodec.s(SortKeys.FILE_END)), "#r", names).forEachRemaining(item -> addRecipe(item, out));
        query(vault, "begins_with(sk, :prefix)", Map.of(":prefix", ItemCodec.s(SortKeys.HIST_PREFIX)), "#r", names)
                .forEachRemaining(item -> addRecipe(item, out));
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

    @Override
    public Map<ContentHash, BlobMark> marks(VaultId vault, Collection<ContentHash> hashes) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(hashes).stream()
                .map(h -> ItemCodec.key(vault, GC_PREFIX + h.hex())).toList();
        Map<ContentHash, BlobMark> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET))).consistentRead(true).build());
            for (int round = 1; !pending.isEmpty(); round++) {
                requireRound(round);
                var request = pending;
                var response = client.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    BlobMark mark = mark(item);
                    found.put(mark.hash(), mark);
                });
                pending = response.unprocessedKeys();
            }
        }
        return found;
    }

    @Override
    public List<BlobMark> marks(VaultId vault) {
        List<BlobMark> out = new ArrayList<>();
        query(vault, "begins_with(sk, :prefix)", Map.of(":prefix", ItemCodec.s(GC_PREFIX)), null)
                .forEachRemaining(item -> out.add(mark(item)));
        return out;
    }

    @Override
    public boolean mark(VaultId vault, ContentHash hash, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(ItemCodec.key(vault, GC_PREFIX + hash.hex()));
        item.put(ItemCodec.KIND, ItemCodec.s("gc"));
        item.put("blob", ItemCodec.s(hash.hex()));
        item.put("markedAt", ItemCodec.s(at.toString()));
        item.put("doomed", AttributeValue.fromBool(false));
        return conditional(() -> client.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")));
    }

    @Override
    public boolean doom(VaultId vault, BlobMark marked) {
        if (marked.doomed()) {
            return false;
        }
        return conditional(() -> client.updateItem(b -> b.tableName(table)
                .key(ItemCodec.key(vault, GC_PREFIX + marked.hash().hex()))
                .updateExpression("SET doomed = :true")
                .conditionExpression("markedAt = :at AND doomed = :false")
                .expressionAttributeValues(Map.of(":at", ItemCodec.s(marked.markedAt().toString()),
                        ":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false)))));
    }

    @Override
    public boolean remove(VaultId vault, BlobMark expected) {
        return conditional(() -> client.deleteItem(b -> b.tableName(table)
                .key(ItemCodec.key(vault, GC_PREFIX + expected.hash().hex()))
                .conditionExpression("markedAt = :at AND doomed = :doomed")
                .expressionAttributeValues(Map.of(":at", ItemCodec.s(expected.markedAt().toString()),
                        ":doomed", AttributeValue.fromBool(expected.doomed())))));
    }

    // ----- helpers -----

    private static BlobMark mark(Map<String, AttributeValue> item) {
        return new BlobMark(new ContentHash(item.get("blob").s()), Instant.parse(item.get("markedAt").s()),
                Boolean.TRUE.equals(item.get("doomed").bool()));
    }

    /** A one-blob entry's hash; a chunked entry's content has no blob of its own. */
    private static void addHash(Map<String, AttributeValue> item, Set<ContentHash> out) {
        AttributeValue hash = item.get("hash");
        if (hash != null && hash.s() != null && !item.containsKey(ItemCodec.RECIPE)) {
            out.add(new ContentHash(hash.s()));
        }
    }

    private static void addRecipe(Map<String, AttributeValue> item, Set<ContentHash> out) {
        AttributeValue recipe = item.get(ItemCodec.RECIPE);
        if (recipe != null && recipe.s() != null) {
            out.add(new ContentHash(recipe.s()));
        }
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void deleteAll(List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH_WRITE) {
            List<WriteRequest> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE)).stream()
                    .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int round = 1; !pending.isEmpty(); round++) {
                requireRound(round);
                var request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    pause();
                }
            }
        }
    }

    private Optional<Map<String, AttributeValue>> get(VaultId vault, String sortKey) {
        var response = client.getItem(b -> b.tableName(table).key(ItemCodec.key(vault, sortKey)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private Iterator<Map<String, AttributeValue>> query(VaultId vault, String sortKeyCondition,
                                                         Map<String, AttributeValue> values, String projection) {
        return query(vault, sortKeyCondition, values, projection, Map.of());
    }

    private Iterator<Map<String, AttributeValue>> query(VaultId vault, String sortKeyCondition,
                                                         Map<String, AttributeValue> values, String projection,
                                                         Map<String, String> names) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pk", ItemCodec.s(SortKeys.partition(vault)));
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND " + sortKeyCondition)
                .expressionAttributeValues(all).consistentRead(true);
        if (projection != null) {
            request.projectionExpression(projection);
        }
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        return client.queryPaginator(request.build()).items().iterator();
    }

    private static void requireRound(int round) {
        if (round > MAX_ROUNDS) {
            throw new IllegalStateException("DynamoDB kept leaving batch items unprocessed (throttling); the next run retries");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20, 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
