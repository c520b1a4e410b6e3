package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.data.tables.TableClient;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRecords;
import io.skysync.testing.BlobRecordsContract;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BlobRecordsContract} on Table Storage (Azurite), through the manifest store; and the range
 * queries by hash prefix with pages small enough that a lookup lists several, continuation included.
 */
class TableBlobRecordsIT extends BlobRecordsContract {
    private static TableClient table;
    private static TableManifestStore store;
    private static ExecutorService reads;

    @BeforeAll
    static void start() {
        table = Azurite.newTable("records");
        store = new TableManifestStore(table);
        reads = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        store.close();
        reads.shutdownNow();
    }

    @Override
    protected BlobRecords records() {
        return store;
    }

    @Test
    void recordedBlobs_manyAmongManyWithSmallPages_areFoundByPrefixRangesAcrossPages() {
        TableRows rows = new TableRows(table);
        TableBlobRecords small = new TableBlobRecords(table, rows, reads,
                (v, actions) -> table.submitTransaction(actions), Clock.systemUTC(), 7);
        Map<ContentHash, Long> stored = new HashMap<>();
        IntStream.range(0, 400).forEach(i -> stored.put(hash("stored " + i), (long) i));
        small.recordBlobs(vault, stored);
        List<ContentHash> wanted = IntStream.range(0, 500)
                .mapToObj(i -> i % 2 == 0 ? hash("stored " + i) : hash("absent " + i)).toList();

        Map<ContentHash, Long> found = small.recordedBlobs(vault, wanted);

        Map<ContentHash, Long> expected = new HashMap<>();
        IntStream.range(0, 400).filter(i -> i % 2 == 0).forEach(i -> expected.put(hash("stored " + i), (long) i));
        assertThat(found).isEqualTo(expected);
        assertThat(small.recordedBlobs(new VaultId(vault.value() + "y"), wanted)).isEmpty();
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
