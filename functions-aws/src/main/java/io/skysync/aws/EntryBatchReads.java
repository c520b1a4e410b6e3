package io.skysync.aws;

import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The current entries of many paths at once for {@link DynamoDbManifestStore}: strongly consistent
 * {@code BatchGetItem}s of 100 keys, asking again for keys DynamoDB left unprocessed (throttling).
 */
final class EntryBatchReads {
    /** BatchGetItem's limit. */
    private static final int BATCH_GET_KEYS = 100;
    /** Rounds of BatchGetItem for keys DynamoDB left unprocessed before giving up. */
    private static final int MAX_BATCH_ROUNDS = 10;

    private final DynamoDbClient client;
    private final String table;

    EntryBatchReads(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    Map<VaultPath, ManifestEntry> read(VaultId vault, Collection<VaultPath> paths) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(paths).stream()
                .map(p -> ItemCodec.key(vault, SortKeys.file(p))).toList();
        Map<VaultPath, ManifestEntry> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS)))
                    .consistentRead(true).build());
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_BATCH_ROUNDS) {
                    throw new SkysyncException(ErrorCode.UNAVAILABLE, "the manifest table is throttling reads; retry");
                }
                var request = pending;
                var response = client.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    ManifestEntry entry = ItemCodec.entry(item);
                    found.put(entry.path(), entry);
                });
                pending = response.unprocessedKeys();
                if (!pending.isEmpty()) {
                    DynamoDbManifestStore.pause();
                }
            }
        }
        return found;
    }
}
