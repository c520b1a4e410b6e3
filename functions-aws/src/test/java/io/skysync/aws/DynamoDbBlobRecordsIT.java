package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.service.BlobRecords;
import io.skysync.testing.BlobRecordsContract;
import org.junit.jupiter.api.AfterAll;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BlobRecordsContract} on DynamoDB Local, through the manifest store that keeps them. */
class DynamoDbBlobRecordsIT extends BlobRecordsContract {
    private static AwsTarget target;
    private static DynamoDbManifestStore store;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        store = new DynamoDbManifestStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected BlobRecords records() {
        return store;
    }

    /**
     * Records go in transactions, which DynamoDB cancels when two touch one item at once (two devices
     * committing the same content): such a write must still record every blob, not fail.
     */
    @Test
    void recordBlobs_sameBlobsFromSeveralCallersAtOnce_recordsEveryOne() throws Exception {
        Map<ContentHash, Long> sizes = new HashMap<>();
        for (int i = 0; i < 250; i++) {
            sizes.put(ContentHash.ofBytes(("shared blob " + i).getBytes(StandardCharsets.UTF_8)), 4096L + i);
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                calls.add(callers.submit(() -> {
                    start.await();
                    store.recordBlobs(vault, sizes);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(store.recordedBlobs(vault, sizes.keySet())).isEqualTo(sizes);
    }
}
