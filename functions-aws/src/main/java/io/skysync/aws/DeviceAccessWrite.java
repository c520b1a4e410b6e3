package io.skysync.aws;

import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
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
 * {@code ManifestStore.changeAccess} on DynamoDB: an update of the device's {@code role} and
 * {@code revoked} only, conditional on both being the expected ones; with a keeper, the same update
 * in one {@code TransactWriteItems} with a {@code ConditionCheck} that the keeper is an active
 * admin. Transactions are serializable, so of two admins demoting each other at once one fails.
 */
final class DeviceAccessWrite {
    private static final Map<String, String> NAMES = Map.of("#role", "role", "#revoked", "revoked");
    private static final String SET = "SET #role = :role, #revoked = :revoked";
    private static final String UNCHANGED = "#role = :expectedRole AND #revoked = :expectedRevoked";

    private final String table;
    private final VaultId vault;

    DeviceAccessWrite(String table, VaultId vault) {
        this.table = table;
        this.vault = vault;
    }

    boolean apply(DynamoDbClient client, DeviceRecord expected, Role role, boolean revoked, Optional<DeviceId> keeper) {
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
                        TransactWriteItem.builder().conditionCheck(activeAdmin(keeper.get())).build())));
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

    private ConditionCheck activeAdmin(DeviceId keeper) {
        return ConditionCheck.builder().tableName(table)
                .key(ItemCodec.key(vault, SortKeys.device(keeper)))
                .conditionExpression("#role = :admin AND #revoked = :false")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(":admin", ItemCodec.s(Role.ADMIN.wireName()),
                        ":false", AttributeValue.fromBool(false)))
                .build();
    }

    private static boolean isThrottling(String code) {
        return "ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)
                || "RequestLimitExceeded".equals(code);
    }
}
