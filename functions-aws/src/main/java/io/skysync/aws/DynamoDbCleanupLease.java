package io.skysync.aws;

import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A vault's clean-up lease as one item, {@code sk = lease#cleanup}: {@code owner},
 * {@code untilMillis}, and {@code expiresAt} (epoch seconds, the table's TTL attribute, so a lease
 * a crashed run left goes away by itself). Taking it is one conditional PutItem.
 */
final class DynamoDbCleanupLease {
    static final String SORT_KEY = "lease#cleanup";
    private static final Map<String, String> NAMES = Map.of("#owner", "owner", "#until", "untilMillis");

    private final DynamoDbClient client;
    private final String table;

    DynamoDbCleanupLease(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    boolean hold(VaultId vault, String owner, Instant now, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(ItemCodec.key(vault, SORT_KEY));
        item.put(ItemCodec.KIND, ItemCodec.s("lease"));
        item.put("owner", ItemCodec.s(owner));
        item.put("untilMillis", ItemCodec.n(until.toEpochMilli()));
        item.put("expiresAt", ItemCodec.n(until.getEpochSecond() + 1));
        try {
            client.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #owner = :owner OR #until <= :now")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":owner", ItemCodec.s(owner), ":now", ItemCodec.n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return false;
        }
    }

    void release(VaultId vault, String owner) {
        try {
            client.deleteItem(b -> b.tableName(table).key(ItemCodec.key(vault, SORT_KEY))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", ItemCodec.s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Another run took it over (ours had run out) or it is gone: nothing to give up.
        }
    }
}
