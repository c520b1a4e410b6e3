package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.service.PairingCode;
import io.skysync.service.PairingStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PairingStore} must pass. A store's test extends this class and
 * implements {@link #store()}; each test works in a vault of its own, so one emulator serves all.
 */
public abstract class PairingStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    protected PairingStore store;
    protected VaultId vault;

    protected abstract PairingStore store();

    @BeforeEach
    void freshVault() {
        store = store();
        vault = newVault();
    }

    protected static VaultId newVault() {
        return new VaultId(("pc-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    @Test
    void take_storedCode_returnsItOnceThenNothing() {
        PairingCode code = code(vault, "12345678", Role.MEMBER, T0.plusSeconds(600));
        assertThat(store.put(code)).isTrue();

        assertThat(store.take(vault, code.codeHash(), T0.plusSeconds(1))).contains(code);
        assertThat(store.take(vault, code.codeHash(), T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void take_wrongHashOrOtherVault_empty() {
        PairingCode code = code(vault, "12345678", Role.READ_ONLY, T0.plusSeconds(600));
        store.put(code);

        assertThat(store.take(vault, hash("87654321"), T0)).isEmpty();
        assertThat(store.take(newVault(), code.codeHash(), T0)).isEmpty();
        assertThat(store.take(vault, code.codeHash(), T0)).contains(code);
    }

    @Test
    void take_atOrAfterExpiry_emptyAndStaysUnusable() {
        PairingCode code = code(vault, "11112222", Role.ADMIN, T0.plusSeconds(600));
        store.put(code);

        assertThat(store.take(vault, code.codeHash(), T0.plusSeconds(600))).isEmpty();
        assertThat(store.take(vault, code.codeHash(), T0.plusSeconds(601))).isEmpty();
        assertThat(store.take(vault, code.codeHash(), T0.plusSeconds(5000))).isEmpty();
    }

    @Test
    void put_sameHashTwice_falseAndKeepsTheFirst() {
        PairingCode first = code(vault, "33334444", Role.MEMBER, T0.plusSeconds(600));
        PairingCode second = code(vault, "33334444", Role.ADMIN, T0.plusSeconds(900));

        assertThat(store.put(first)).isTrue();
        assertThat(store.put(second)).isFalse();

        assertThat(store.take(vault, first.codeHash(), T0)).contains(first);
    }

    @Test
    void take_concurrently_exactlyOneWins() throws Exception {
        PairingCode code = code(vault, "55556666", Role.MEMBER, T0.plusSeconds(600));
        store.put(code);

        List<Optional<PairingCode>> results = concurrently(8, () -> store.take(vault, code.codeHash(), T0));

        assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }

    @Test
    void countAttempt_countsPerVaultAndWindow() {
        Instant expires = T0.plusSeconds(1200);
        VaultId other = newVault();

        assertThat(store.countAttempt(vault, 7, expires)).isEqualTo(1);
        assertThat(store.countAttempt(vault, 7, expires)).isEqualTo(2);
        assertThat(store.countAttempt(vault, 8, expires)).isEqualTo(1);
        assertThat(store.countAttempt(other, 7, expires)).isEqualTo(1);
        assertThat(store.countAttempt(vault, 7, expires)).isEqualTo(3);
    }

    @Test
    void countAttempt_concurrently_everyCountOnce() throws Exception {
        List<Long> counts = concurrently(20, () -> store.countAttempt(vault, 42, T0.plusSeconds(1200)));

        assertThat(counts).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 20).boxed().toList());
    }

    protected static PairingCode code(VaultId vault, String digits, Role role, Instant expiresAt) {
        return new PairingCode(vault, hash(digits), role, new DeviceId("creator-1"), expiresAt);
    }

    protected static String hash(String digits) {
        return ContentHash.ofBytes(digits.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, 8));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
