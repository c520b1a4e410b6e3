package io.skysync.aws;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Many items of the table at once: strongly consistent {@code BatchGetItem}s of 100 keys,
 * {@code BatchWriteItem}s of 25 puts or deletes, and unconditional puts in {@code TransactWriteItems}
 * of 100 (DynamoDB's limits), asking again for what DynamoDB left unprocessed (throttling) a few
 * times before the caller gets a {@code 503}. The writes of one call run {@value #WRITERS} requests
 * at a time: a commit of 1000 new blobs records them in 10 transactions (40 batch writes before),
 * which one after another took longer than the commit's own transactions (docs/performance.md,
 * "Where a first sync's time goes").
 */
final class DynamoDbBatches {
    static final int GET_KEYS = 100;
    static final int WRITE_ITEMS = 25;
    static final int TRANSACTION_ITEMS = 100;
    static final int WRITERS = 4;
    private static final int MAX_ROUNDS = 10;

    private final DynamoDbClient client;
    private final String table;
    private final ExecutorService writers;

    DynamoDbBatches(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        // Idle threads time out, so a store that is no longer used holds no threads.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "dynamodb-batch-write");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    /** The items of these keys that exist, in no particular order. */
    List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += GET_KEYS) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + GET_KEYS))).consistentRead(true).build());
            for (int round = 1; !pending.isEmpty(); round++) {
                requireRound(round, "reads");
                var request = pending;
                var response = client.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
                if (!pending.isEmpty()) {
                    DynamoDbManifestStore.pause();
                }
            }
        }
        return found;
    }

    /**
     * Applies these puts and deletes, 25 a request and {@value #WRITERS} requests at a time; not
     * atomic, and each write is unconditional. Returns once every request is done; the first failure
     * is thrown after the others have ended, so no write of this call is still under way.
     */
    void write(List<WriteRequest> writes) {
        inParallel(slices(writes, WRITE_ITEMS), this::writeOne);
    }

    /**
     * Puts these items (distinct keys), unconditionally, 100 to a {@code TransactWriteItems} and
     * {@value #WRITERS} requests at a time; not atomic as a whole. Why not {@link #write}: DynamoDB
     * Local commits each item of a {@code BatchWriteItem} to its database on its own and a
     * transaction's items at once, so 1000 items cost 1000 disk commits one way and 10 the other
     * (docs/performance.md); on DynamoDB a transactional write costs two write units instead of
     * one. A transaction that meets another one on the same item (two devices recording the same
     * blob at once) is cancelled as a whole; its puts are then sent as batch writes.
     */
    void putAll(List<Map<String, AttributeValue>> items) {
        inParallel(slices(items, TRANSACTION_ITEMS), this::putInOneTransaction);
    }

    private void putInOneTransaction(List<Map<String, AttributeValue>> items) {
        List<TransactWriteItem> puts = items.stream()
                .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build())
                .toList();
        try {
            client.transactWriteItems(b -> b.transactItems(puts));
        } catch (TransactionCanceledException | TransactionInProgressException e) {
            // On this thread: this runs on a writer already, and the writers may all be busy.
            slices(items.stream().map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
                    .build()).toList(), WRITE_ITEMS).forEach(this::writeOne);
        }
    }

    private static <T> List<List<T>> slices(List<T> all, int size) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            slices.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return slices;
    }

    /** Runs {@code one} on each slice, several at once; the first failure is thrown once all have ended. */
    private <T> void inParallel(List<List<T>> requests, Consumer<List<T>> one) {
        if (requests.size() <= 1) {
            requests.forEach(one);
            return;
        }
        List<CompletableFuture<Void>> running = requests.stream()
                .map(request -> CompletableFuture.runAsync(() -> one.accept(request), writers)).toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> future : running) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void writeOne(List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int round = 1; !pending.isEmpty(); round++) {
            requireRound(round, "writes");
            var request = pending;
            pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            if (!pending.isEmpty()) {
                DynamoDbManifestStore.pause();
            }
        }
    }

    private static void requireRound(int round, String what) {
        if (round > MAX_ROUNDS) {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the manifest table is throttling " + what + "; retry");
        }
    }
}
