package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.LostBlob;
import io.skysync.service.RepairStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link RepairStore} must pass; each test works in a vault of its own. */
public abstract class RepairStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private static final ContentHash A = hash("a");
    private static final ContentHash B = hash("b");

    protected RepairStore store;
    protected VaultId vault;

    protected abstract RepairStore store();

    @BeforeEach
    void freshVault() {
        store = store();
        vault = newVault();
    }

    @Test
    void countVerification_concurrentCalls_eachGetsItsOwnCount() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> {
                    start.await();
                    return store.countVerification(vault, 42, T0.plusSeconds(1200));
                }));
            }
            start.countDown();
            List<Long> seen = new ArrayList<>();
            for (Future<Long> count : counts) {
                seen.add(count.get(60, TimeUnit.SECONDS));
            }
            assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.countVerification(vault, 43, T0)).as("another window").isEqualTo(1);
        assertThat(store.countVerification(newVault(), 42, T0)).as("another vault").isEqualTo(1);
    }

    @Test
    void claimVerification_oncePerWindowPerContent() {
        assertThat(store.claimVerification(vault, A, T0, T0.minusSeconds(600))).isTrue();
        assertThat(store.claimVerification(vault, A, T0.plusSeconds(60), T0.minusSeconds(540))).isFalse();
        assertThat(store.claimVerification(vault, B, T0.plusSeconds(60), T0.minusSeconds(540))).as("other content").isTrue();
        assertThat(store.claimVerification(newVault(), A, T0.plusSeconds(60), T0.minusSeconds(540))).as("other vault")
                .isTrue();
        assertThat(store.claimVerification(vault, A, T0.plusSeconds(601), T0.plusSeconds(1))).as("window passed").isTrue();
        assertThat(store.claimVerification(vault, A, T0.plusSeconds(602), T0.plusSeconds(2))).isFalse();
    }

    @Test
    void markLost_listAndClear_onlyTheExpectedRecord() {
        LostBlob a = new LostBlob(A, T0);
        LostBlob b = new LostBlob(B, T0.plusSeconds(5));

        assertThat(store.markLost(vault, a)).isTrue();
        assertThat(store.markLost(vault, new LostBlob(A, T0.plusSeconds(9)))).as("already recorded").isFalse();
        assertThat(store.markLost(vault, b)).isTrue();
        assertThat(store.lost(vault, 10)).containsExactlyInAnyOrder(a, b);
        assertThat(store.lost(vault, 1)).hasSize(1);
        assertThat(store.lost(newVault(), 10)).isEmpty();

        assertThat(store.clearLost(vault, new LostBlob(A, T0.plusSeconds(9)))).as("another record").isFalse();
        assertThat(store.clearLost(vault, a)).isTrue();
        assertThat(store.clearLost(vault, a)).as("gone").isFalse();
        assertThat(store.lost(vault, 10)).containsExactly(b);
    }

    protected static VaultId newVault() {
        return new VaultId(("rp-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
