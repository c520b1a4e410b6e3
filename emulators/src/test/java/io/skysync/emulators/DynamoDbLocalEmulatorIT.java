package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbLocalEmulatorIT {
    private static DynamoDbLocalEmulator memory;

    @BeforeAll
    static void startInMemory() {
        memory = DynamoDbLocalEmulator.start(null);
        createTable(memory.client(), "items");
    }

    @AfterAll
    static void stop() {
        memory.close();
    }

    @Test
    void putThenGet_inMemory_returnsItemAndCountsOperations() {
        memory.resetCounts();
        memory.client().putItem(b -> b.tableName("items").item(item("a", "1")));

        Map<String, AttributeValue> read = memory.client().getItem(b -> b.tableName("items").key(key("a")).consistentRead(true)).item();

        assertThat(read).containsEntry("v", AttributeValue.fromS("1"));
        assertThat(memory.operationCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("PutItem", 1L, "GetItem", 1L));
        assertThat(memory.operationCount()).isEqualTo(2);
    }

    @Test
    void transactWrite_failedCondition_reportsReasonPerItemAndWritesNothing() {
        memory.client().putItem(b -> b.tableName("items").item(item("x", "old")));
        TransactWriteItem guarded = TransactWriteItem.builder().put(Put.builder().tableName("items").item(item("x", "new"))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem free = TransactWriteItem.builder().put(Put.builder().tableName("items").item(item("y", "new")).build()).build();

        assertThatThrownBy(() -> memory.client().transactWriteItems(b -> b.transactItems(guarded, free)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
                        .extracting(CancellationReason::code).containsExactly("ConditionalCheckFailed", "None"));
        assertThat(memory.client().getItem(b -> b.tableName("items").key(key("y")).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void start_withDataDir_keepsTablesAndItemsAcrossRestart(@TempDir Path dir) {
        try (DynamoDbLocalEmulator first = DynamoDbLocalEmulator.start(dir)) {
            createTable(first.client(), "kept");
            first.client().putItem(b -> b.tableName("kept").item(item("k", "persisted")));
        }

        try (DynamoDbLocalEmulator second = DynamoDbLocalEmulator.start(dir)) {
            Map<String, AttributeValue> read = second.client().getItem(b -> b.tableName("kept").key(key("k")).consistentRead(true)).item();
            assertThat(read).containsEntry("v", AttributeValue.fromS("persisted"));
        }
        assertThat(dir).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".db"));
    }

    @Test
    void endpoint_isLoopbackOnly() throws Exception {
        assertThat(memory.endpoint().getHost()).isEqualTo("127.0.0.1");
        int port = memory.endpoint().getPort();

        assertThat(LoopbackProbe.accepts(InetAddress.getByName("127.0.0.1"), port)).isTrue();
        for (InetAddress other : LoopbackProbe.otherLocalAddresses()) {
            assertThat(LoopbackProbe.accepts(other, port)).as("connection via %s", other).isFalse();
        }
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String value) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(value));
    }
}
