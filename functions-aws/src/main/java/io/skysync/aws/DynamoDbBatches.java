package io.skysync.aws;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Many items of the table at once: strongly consistent {@code BatchGetItem}s of 100 keys and
 * {@code BatchWriteItem}s of 25 puts or deletes (DynamoDB's limits), asking again for what DynamoDB
 * left unprocessed (throttling) a few times before the caller gets a {@code 503}.
 */
final class DynamoDbBatches {
    static final int GET_KEYS = 100;
    static final int WRITE_ITEMS = 25;
    private static final int MAX_ROUNDS = 10;

    private final DynamoDbClient client;
    private final String table;

    DynamoDbBatches(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
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

    /** Applies these puts and deletes, 25 a request; not atomic, and each write is unconditional. */
    void write(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += WRITE_ITEMS) {
            Map<String, List<WriteRequest>> pending = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + WRITE_ITEMS)));
            for (int round = 1; !pending.isEmpty(); round++) {
                requireRound(round, "writes");
                var request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                if (!pending.isEmpty()) {
                    DynamoDbManifestStore.pause();
                }
            }
        }
    }

    private static void requireRound(int round, String what) {
        if (round > MAX_ROUNDS) {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the manifest table is throttling " + what + "; retry");
        }
    }
}
