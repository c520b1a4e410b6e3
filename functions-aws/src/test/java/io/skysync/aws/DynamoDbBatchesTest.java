package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How {@link DynamoDbBatches} splits and runs writes, against a stub client that records each
 * request (a pure unit test: what DynamoDB does with them is {@code DynamoDbBlobRecordsIT}'s).
 */
class DynamoDbBatchesTest {
    private static final String TABLE = "skysync";

    @Test
    void write_manyRequests_runsSeveralAtOnceAndWritesEachItemOnce() {
        CountDownLatch together = new CountDownLatch(DynamoDbBatches.WRITERS);
        StubClient client = new StubClient(request -> {
            together.countDown();
            // Each request waits until WRITERS of them are in flight; one after another, none would.
            if (!await(together)) {
                throw new IllegalStateException("the requests ran one after another");
            }
            return BatchWriteItemResponse.builder().build();
        });

        new DynamoDbBatches(client, TABLE).write(writes(200));

        assertThat(client.requests).hasSize(8).allSatisfy(r -> assertThat(r).hasSizeLessThanOrEqualTo(25));
        assertThat(client.keys()).hasSize(200);
        assertThat(client.maxInFlight.get()).isEqualTo(DynamoDbBatches.WRITERS);
    }

    @Test
    void write_unprocessedItems_areSentAgainUntilDone() {
        AtomicInteger calls = new AtomicInteger();
        StubClient client = new StubClient(request -> {
            List<WriteRequest> items = request.requestItems().get(TABLE);
            // The first answer leaves the last item of its request unprocessed.
            return calls.incrementAndGet() == 1 && items.size() > 1
                    ? BatchWriteItemResponse.builder().unprocessedItems(Map.of(TABLE, List.of(items.get(items.size() - 1)))).build()
                    : BatchWriteItemResponse.builder().build();
        });

        new DynamoDbBatches(client, TABLE).write(writes(60));

        assertThat(client.requests).hasSize(4);
        assertThat(client.keys()).hasSize(60);
    }

    @Test
    void write_oneRequestFails_throwsAfterTheOthersHaveEnded() {
        AtomicInteger inFlight = new AtomicInteger();
        StubClient client = new StubClient(request -> {
            if (request.requestItems().get(TABLE).get(0).putRequest().item().get("sk").s().equals("blob#0")) {
                throw DynamoDbException.builder().message("boom").build();
            }
            inFlight.incrementAndGet();
            sleep(50);
            inFlight.decrementAndGet();
            return BatchWriteItemResponse.builder().build();
        });

        assertThatThrownBy(() -> new DynamoDbBatches(client, TABLE).write(writes(250)))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("boom");
        assertThat(inFlight.get()).as("no request of the call is still running").isZero();
    }

    @Test
    void putAll_manyItems_areTransactionsOfAtMostAHundredEachItemOnce() {
        StubClient client = new StubClient(request -> BatchWriteItemResponse.builder().build());

        new DynamoDbBatches(client, TABLE).putAll(items(250));

        assertThat(client.transactions).hasSize(3).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(100));
        assertThat(client.requests).isEmpty();
        assertThat(client.keys()).hasSize(250);
    }

    @Test
    void putAll_aTransactionCancelledByAnother_sendsItsItemsAsBatchWrites() {
        StubClient client = new StubClient(request -> BatchWriteItemResponse.builder().build());
        client.cancelFirstTransactions.set(1);

        new DynamoDbBatches(client, TABLE).putAll(items(150));

        assertThat(client.transactions).hasSize(2);
        assertThat(client.requests).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r).hasSizeLessThanOrEqualTo(25));
        assertThat(client.keys()).hasSize(150);
    }

    private static List<Map<String, AttributeValue>> items(int count) {
        return writes(count).stream().map(w -> w.putRequest().item()).toList();
    }

    private static List<WriteRequest> writes(int count) {
        return IntStream.range(0, count).mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("pk", AttributeValue.fromS("vault#v"), "sk", AttributeValue.fromS("blob#" + i))).build()).build())
                .toList();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers batch writes with {@code answer}, recording each request and how many ran at once. */
    private static final class StubClient implements DynamoDbClient {
        final List<List<WriteRequest>> requests = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<List<Map<String, AttributeValue>>> transactions = Collections.synchronizedList(new ArrayList<>());
        /** How many of the first transactions are cancelled (as by a concurrent one) and write nothing. */
        final AtomicInteger cancelFirstTransactions = new AtomicInteger();
        private final Set<String> transacted = Collections.synchronizedSet(new HashSet<>());
        private final Answer answer;

        StubClient(Answer answer) {
            this.answer = answer;
        }

        interface Answer {
            BatchWriteItemResponse answer(BatchWriteItemRequest request);
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            requests.add(request.requestItems().get(TABLE));
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return answer.answer(request);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            List<Map<String, AttributeValue>> items = request.transactItems().stream().map(t -> t.put().item()).toList();
            transactions.add(items);
            if (cancelFirstTransactions.getAndDecrement() > 0) {
                throw TransactionCanceledException.builder().message("Transaction cancelled: TransactionConflict").build();
            }
            items.forEach(item -> transacted.add(item.get("sk").s()));
            return TransactWriteItemsResponse.builder().build();
        }

        Set<String> keys() {
            Set<String> keys = new HashSet<>(transacted);
            synchronized (requests) {
                requests.forEach(r -> r.forEach(w -> keys.add(w.putRequest().item().get("sk").s())));
            }
            return keys;
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
