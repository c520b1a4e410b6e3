package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteStatement;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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

    /**
     * DynamoDB Local commits every item of a BatchWriteItem as a transaction of its own; with the
     * default rollback journal each costs several fsyncs (docs/performance.md, "Where a first
     * sync's time goes"). The write-ahead log keeps the commit durable at one fsync.
     */
    @Test
    void start_withDataDir_keepsTheDatabaseInWriteAheadLogMode(@TempDir Path dir) throws Exception {
        try (DynamoDbLocalEmulator emulator = DynamoDbLocalEmulator.start(dir)) {
            createTable(emulator.client(), "logged");
            emulator.client().putItem(b -> b.tableName("logged").item(item("w", "1")));

            assertThat(journalMode(dir.resolve(DynamoDbLocalEmulator.DATABASE_FILE))).isEqualTo("wal");
            assertThat(emulator.operationCounts()).doesNotContainKey("ListTables");
        }
        try (DynamoDbLocalEmulator again = DynamoDbLocalEmulator.start(dir)) {
            assertThat(again.client().getItem(b -> b.tableName("logged").key(key("w")).consistentRead(true)).item())
                    .containsEntry("v", AttributeValue.fromS("1"));
        }
    }

    private static String journalMode(Path database) throws Exception {
        SQLiteConnection connection = new SQLiteConnection(database.toFile());
        try {
            connection.openReadonly();
            SQLiteStatement statement = connection.prepare("PRAGMA journal_mode");
            try {
                statement.step();
                return statement.columnString(0);
            } finally {
                statement.dispose();
            }
        } finally {
            connection.dispose();
        }
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

    @Test
    void forgedRequest_fromAnotherLocalUser_isRefusedAndChangesNothing() throws Exception {
        memory.client().putItem(b -> b.tableName("items").item(item("admin", "secret-hash")));

        HttpResponse<String> list = forged("ListTables", "{}");
        HttpResponse<String> update = forged("UpdateItem", "{\"TableName\":\"items\",\"Key\":{\"pk\":{\"S\":\"admin\"}},"
                + "\"UpdateExpression\":\"SET v = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"attacker\"}}}");

        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(list.body()).contains("UnrecognizedClientException").doesNotContain("items");
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(memory.client().getItem(b -> b.tableName("items").key(key("admin")).consistentRead(true)).item())
                .containsEntry("v", AttributeValue.fromS("secret-hash"));
    }

    @Test
    void request_signedWithOtherCredentials_isRefused() {
        for (AwsBasicCredentials guess : List.of(AwsBasicCredentials.create("local", "local"),
                AwsBasicCredentials.create(memory.accessKey(), "not-the-secret"))) {
            try (DynamoDbClient other = DynamoDbClient.builder().endpointOverride(memory.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(guess))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThatThrownBy(() -> other.scan(b -> b.tableName("items")))
                        .as("signed by %s", guess.accessKeyId())
                        .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            }
        }
    }

    /** What {@code curl} sends with any made-up credentials: DynamoDB Local alone only checks that the header is there. */
    private static HttpResponse<String> forged(String operation, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(memory.endpoint())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=anyone/20260101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=0000")
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
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
