package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRepairs;
import io.skysync.service.LostBlob;
import io.skysync.service.RepairStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link RepairStore} in the manifest table: {@code verifytry#<window>} (an atomic ADD, with the
 * TTL attribute {@code expiresAt}), {@code verify#<hash>} (the last claim's time, taken with a
 * conditional put, TTL too) and {@code lost#<hash>} (since; put-if-absent, deleted only as read).
 * Every read is strongly consistent.
 */
public final class DynamoDbRepairStore implements RepairStore {
    static final String TRIES_PREFIX = "verifytry#";
    static final String CLAIM_PREFIX = "verify#";
    static final String LOST_PREFIX = "lost#";
    private static final String TTL = "expiresAt";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbRepairStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public long countVerification(VaultId vault, long window, Instant expiresAt) {
        var updated = client.updateItem(b -> b.tableName(table)
                .key(ItemCodec.key(vault, TRIES_PREFIX + SortKeys.pad(window)))
                .updateExpression("ADD tries :one SET #ttl = :ttl, #kind = :kind")
                .expressionAttributeNames(Map.of("#ttl", TTL, "#kind", ItemCodec.KIND))
                .expressionAttributeValues(Map.of(":one", ItemCodec.n(1), ":ttl", ItemCodec.n(expiresAt.getEpochSecond()),
                        ":kind", ItemCodec.s("verifytry")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return ItemCodec.num(updated.attributes(), "tries");
    }

    @Override
    public boolean claimVerification(VaultId vault, ContentHash hash, Instant now, Instant notBefore) {
        Map<String, AttributeValue> item = new HashMap<>(ItemCodec.key(vault, CLAIM_PREFIX + hash.hex()));
        item.put(ItemCodec.KIND, ItemCodec.s("verify"));
        item.put("atMillis", ItemCodec.n(now.toEpochMilli()));
        item.put(TTL, ItemCodec.n(now.plus(BlobRepairs.WINDOW).getEpochSecond() + 60));
        return conditional(() -> client.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR atMillis <= :notBefore")
                .expressionAttributeValues(Map.of(":notBefore", ItemCodec.n(notBefore.toEpochMilli())))));
    }

    @Override
    public boolean markLost(VaultId vault, LostBlob lost) {
        Map<String, AttributeValue> item = new HashMap<>(ItemCodec.key(vault, LOST_PREFIX + lost.hash().hex()));
        item.put(ItemCodec.KIND, ItemCodec.s("lost"));
        item.put("blob", ItemCodec.s(lost.hash().hex()));
        item.put("since", ItemCodec.s(lost.since().toString()));
        return conditional(() -> client.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")));
    }

    @Override
    public List<LostBlob> lost(VaultId vault, int limit) {
        List<LostBlob> out = new ArrayList<>();
        var items = client.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", ItemCodec.s(SortKeys.partition(vault)),
                        ":prefix", ItemCodec.s(LOST_PREFIX)))).items();
        for (Map<String, AttributeValue> item : items) {
            if (out.size() == limit) {
                break;
            }
            out.add(new LostBlob(new ContentHash(item.get("blob").s()), Instant.parse(item.get("since").s())));
        }
        return out;
    }

    @Override
    public boolean clearLost(VaultId vault, LostBlob expected) {
        return conditional(() -> client.deleteItem(b -> b.tableName(table)
                .key(ItemCodec.key(vault, LOST_PREFIX + expected.hash().hex()))
                .conditionExpression("since = :since")
                .expressionAttributeValues(Map.of(":since", ItemCodec.s(expected.since().toString())))));
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
