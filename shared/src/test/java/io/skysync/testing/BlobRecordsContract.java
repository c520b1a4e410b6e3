package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRecords;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobRecords} must pass (the manifest stores that keep blob records);
 * each test works in a vault of its own. Batches are larger than any store's request limit (100
 * keys on DynamoDB, 100 operations in an Azure transaction), so splitting them is checked too.
 */
public abstract class BlobRecordsContract {
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    protected BlobRecords records;
    protected VaultId vault;

    protected abstract BlobRecords records();

    @BeforeEach
    void freshVault() {
        records = records();
        vault = new VaultId("rec" + RUN + VAULTS.incrementAndGet());
    }

    @Test
    void recordedBlobs_nothingRecorded_answersEmpty() {
        assertThat(records.recordedBlobs(vault, List.of(hash(1), hash(2)))).isEmpty();
        assertThat(records.recordedBlobs(vault, List.of())).isEmpty();
    }

    @Test
    void recordBlobs_thenRead_answersTheSizesOfExactlyTheRecordedOnes() {
        Map<ContentHash, Long> sizes = sizes(0, 250);

        records.recordBlobs(vault, sizes);

        List<ContentHash> asked = IntStream.range(0, 300).mapToObj(BlobRecordsContract::hash).toList();
        assertThat(records.recordedBlobs(vault, asked)).isEqualTo(sizes);
    }

    @Test
    void recordBlobs_again_isIdempotentAndKeepsTheLastSize() {
        records.recordBlobs(vault, Map.of(hash(1), 10L, hash(2), 20L));
        records.recordBlobs(vault, Map.of(hash(1), 10L, hash(2), 21L));

        assertThat(records.recordedBlobs(vault, List.of(hash(1), hash(2)))).isEqualTo(Map.of(hash(1), 10L, hash(2), 21L));
    }

    @Test
    void forgetBlobs_recordedAndUnrecorded_removesExactlyThoseRecords() {
        records.recordBlobs(vault, sizes(0, 150));
        Set<ContentHash> forgotten = new HashSet<>();
        IntStream.range(0, 300).filter(i -> i % 2 == 0).forEach(i -> forgotten.add(hash(i)));

        records.forgetBlobs(vault, forgotten);

        Map<ContentHash, Long> kept = new HashMap<>();
        IntStream.range(0, 150).filter(i -> i % 2 == 1).forEach(i -> kept.put(hash(i), (long) i));
        assertThat(records.recordedBlobs(vault, sizes(0, 300).keySet())).isEqualTo(kept);
    }

    @Test
    void records_ofOneVault_areNotAnotherVaults() {
        VaultId other = new VaultId(vault.value() + "x");
        records.recordBlobs(vault, Map.of(hash(1), 1L));

        assertThat(records.recordedBlobs(other, List.of(hash(1)))).isEmpty();
        records.forgetBlobs(other, List.of(hash(1)));
        assertThat(records.recordedBlobs(vault, List.of(hash(1)))).containsEntry(hash(1), 1L);
    }

    private static Map<ContentHash, Long> sizes(int from, int to) {
        Map<ContentHash, Long> out = new HashMap<>();
        IntStream.range(from, to).forEach(i -> out.put(hash(i), (long) i));
        return out;
    }

    private static ContentHash hash(int n) {
        return ContentHash.ofBytes(("blob " + n).getBytes(StandardCharsets.UTF_8));
    }
}
