package io.skysync.aws;

import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.service.PairingCode;
import io.skysync.service.PairingStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Pairing codes and attempt counters in the manifest table (docs/aws.md): {@code sk = pair#<code
 * hash>} and {@code sk = pairtry#<window>}, both with the table's TTL attribute {@code expiresAt}
 * (epoch seconds) so DynamoDB removes them once expired; a code's exact expiry is
 * {@code expiresAtMillis}. Taking a code is one conditional DeleteItem that
 * returns the old item, so a code works once; counting is one atomic {@code ADD}.
 */
public final class DynamoDbPairingStore implements PairingStore {
    static final String CODE_PREFIX = "pair#";
    static final String ATTEMPTS_PREFIX = "pairtry#";
    /** The table's TTL attribute (template.yaml), epoch seconds. */
    static final String TTL = "expiresAt";
    private static final String EXPIRES_MILLIS = "expiresAtMillis";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbPairingStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public boolean put(PairingCode code) {
        Map<String, AttributeValue> item = new HashMap<>(ItemCodec.key(code.vault(), CODE_PREFIX + code.codeHash()));
        item.put(ItemCodec.KIND, ItemCodec.s("pair"));
        item.put("role", ItemCodec.s(code.role().wireName()));
        item.put("createdBy", ItemCodec.s(code.createdBy().value()));
        item.put(EXPIRES_MILLIS, ItemCodec.n(code.expiresAt().toEpochMilli()));
        item.put(TTL, ItemCodec.n(code.expiresAt().getEpochSecond() + 1));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<PairingCode> take(VaultId vault, String codeHash, Instant now) {
        try {
            var deleted = client.deleteItem(b -> b.tableName(table)
                    .key(ItemCodec.key(vault, CODE_PREFIX + codeHash))
                    // TTL deletes lazily (up to days late), so expiry is checked here, not left to it.
                    .conditionExpression("attribute_exists(pk) AND " + EXPIRES_MILLIS + " > :now")
                    .expressionAttributeValues(Map.of(":now", ItemCodec.n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD));
            Map<String, AttributeValue> item = deleted.attributes();
            return Optional.of(new PairingCode(vault, codeHash, Role.fromWireName(item.get("role").s()),
                    new DeviceId(item.get("createdBy").s()), Instant.ofEpochMilli(ItemCodec.num(item, EXPIRES_MILLIS))));
        } catch (ConditionalCheckFailedException wrongExpiredOrTaken) {
            return Optional.empty();
        }
    }

    @Override
    public long countAttempt(VaultId vault, long window, Instant expiresAt) {
        var updated = client.updateItem(b -> b.tableName(table)
                .key(ItemCodec.key(vault, ATTEMPTS_PREFIX + SortKeys.pad(window)))
                .updateExpression("ADD tries :one SET #ttl = :ttl, #kind = :kind")
                .expressionAttributeNames(Map.of("#ttl", TTL, "#kind", ItemCodec.KIND))
                .expressionAttributeValues(Map.of(":one", ItemCodec.n(1), ":ttl", ItemCodec.n(expiresAt.getEpochSecond()),
                        ":kind", ItemCodec.s("pairtry")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return ItemCodec.num(updated.attributes(), "tries");
    }
}
