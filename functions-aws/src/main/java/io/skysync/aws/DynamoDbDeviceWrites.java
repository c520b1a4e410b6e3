package io.skysync.aws;

import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The device writes of {@link DynamoDbManifestStore}, each of only the attributes it changes: a new
 * device is a put if absent; last seen and cursor an {@code UpdateItem} of those two; role and
 * revocation an update of those two, conditional on both being the expected ones, and with a
 * keeper the same update in one {@code TransactWriteItems} with a {@code ConditionCheck} that the
 * keeper is an active admin. Transactions are serializable, so of two admins demoting each other at
 * once one fails. A rename is an update of the name only, conditional on the device not being revoked.
 */
final class DynamoDbDeviceWrites {
    private static final Map<String, String> NAMES = Map.of("#role", "role", "#revoked", "revoked");
    private static final String SET = "SET #role = :role, #revoked = :revoked";
    private static final String UNCHANGED = "#role = :expectedRole AND #revoked = :expectedRevoked";

    private final DynamoDbClient client;
    private final String table;

    DynamoDbDeviceWrites(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    boolean add(VaultId vault, DeviceRecord device) {
        return conditional(() -> client.putItem(b -> b.tableName(table).item(ItemCodec.deviceItem(vault, device))
                .conditionExpression("attribute_not_exists(pk)")));
    }

    /** An UpdateItem of the two attributes only: a concurrent revocation or role change stays. */
    boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        return conditional(() -> client.updateItem(b -> b.tableName(table).key(ItemCodec.key(vault, SortKeys.device(device)))
                .updateExpression("SET #seen = :seen, #cursor = :cursor")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#seen", "lastSeen", "#cursor", "cursor"))
                .expressionAttributeValues(Map.of(":seen", ItemCodec.s(lastSeen.toString()),
                        ":cursor", ItemCodec.n(cursor.value())))));
    }

    /** Never on a revoked device; role and revocation are not written, so a racing change of them stays. */
    boolean rename(VaultId vault, DeviceId device, String name) {
        return conditional(() -> client.updateItem(b -> b.tableName(table).key(ItemCodec.key(vault, SortKeys.device(device)))
                .updateExpression("SET #name = :name")
                .conditionExpression("attribute_exists(pk) AND #revoked = :false")
                .expressionAttributeNames(Map.of("#name", "name", "#revoked", "revoked"))
                .expressionAttributeValues(Map.of(":name", ItemCodec.s(name), ":false", AttributeValue.fromBool(false)))));
    }

    boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked, Optional<DeviceId> keeper) {
        Map<String, AttributeValue> key = ItemCodec.key(vault, SortKeys.device(expected.id()));
        Map<String, AttributeValue> values = Map.of(
                ":role", ItemCodec.s(role.wireName()), ":revoked", AttributeValue.fromBool(revoked),
                ":expectedRole", ItemCodec.s(expected.role().wireName()),
                ":expectedRevoked", AttributeValue.fromBool(expected.revoked()));
        try {
            if (keeper.isEmpty()) {
                client.updateItem(b -> b.tableName(table).key(key).updateExpression(SET).conditionExpression(UNCHANGED)
                        .expressionAttributeNames(NAMES).expressionAttributeValues(values));
            } else {
                Update update = Update.builder().tableName(table).key(key).updateExpression(SET).conditionExpression(UNCHANGED)
                        .expressionAttributeNames(NAMES).expressionAttributeValues(values).build();
                client.transactWriteItems(b -> b.transactItems(List.of(
                        TransactWriteItem.builder().update(update).build(),
                        TransactWriteItem.builder().conditionCheck(activeAdmin(vault, keeper.get())).build())));
            }
            return true;
        } catch (ConditionalCheckFailedException | TransactionInProgressException e) {
            return false;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().anyMatch(r -> isThrottling(r.code()))) {
                throw new SkysyncException(ErrorCode.UNAVAILABLE, "the manifest table is throttling writes; retry");
            }
            // A failed condition or a concurrent transaction on one of the two items: the caller re-reads.
            return false;
        }
    }

    private ConditionCheck activeAdmin(VaultId vault, DeviceId keeper) {
        return ConditionCheck.builder().tableName(table)
                .key(ItemCodec.key(vault, SortKeys.device(keeper)))
                .conditionExpression("#role = :admin AND #revoked = :false")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(":admin", ItemCodec.s(Role.ADMIN.wireName()),
                        ":false", AttributeValue.fromBool(false)))
                .build();
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static boolean isThrottling(String code) {
        return "ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)
                || "RequestLimitExceeded".equals(code);
    }
}
