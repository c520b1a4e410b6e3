package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.entry;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.RetryPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.ForwardingManifestStore;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A vault so busy that every commit round loses the race for the head: the commit answers its
 * documented {@code 503 unavailable} within the retry budget, well before the function's time-out
 * (29 s on Lambda), with every round and every pause timed by the injected clock.
 */
class BusyVaultTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration ROUND_TRIP = Duration.ofMillis(100);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryManifestStore memory = new InMemoryManifestStore();
    private final AtomicInteger rounds = new AtomicInteger();
    private final AtomicInteger losing = new AtomicInteger(Integer.MAX_VALUE);
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    private final ApiRouter router = new ApiRouter(new SyncService(new LosingStore(), blobs, clock,
            new Tokens(new Random(5)), ServiceConfig.withBootstrapSecret(ApiFixture.SECRET)
                    .withRetry(new RetryPolicy(RetryPolicy.DEFAULT.budget(), RetryPolicy.DEFAULT.firstPause(),
                            RetryPolicy.DEFAULT.maxPause(), clock::advance))));

    @Test
    void commit_everyRoundLosesTheRace_503WithinTheBudgetWellBeforeTheTimeOut() {
        String admin = createVault();
        ContentHash hash = blobs.put(new VaultId("v1"), "busy".getBytes(StandardCharsets.UTF_8));

        ApiResponse response = post("/v1/vaults/v1/commit", admin, commitBody(entry("a.txt", 0, hash, 4)));

        assertError(response, ErrorCode.UNAVAILABLE);
        Duration spent = Duration.between(T0, clock.instant());
        assertThat(spent).isLessThanOrEqualTo(RetryPolicy.DEFAULT.budget().plus(ROUND_TRIP))
                .isLessThan(Duration.ofSeconds(29));
        assertThat(rounds.get()).as("rounds tried").isGreaterThan(10);
    }

    @Test
    void commit_losesAFewRoundsThenWins_committedAfterBackingOff() {
        String admin = createVault();
        ContentHash hash = blobs.put(new VaultId("v1"), "busy".getBytes(StandardCharsets.UTF_8));
        losing.set(3);

        ApiResponse response = post("/v1/vaults/v1/commit", admin, commitBody(entry("a.txt", 0, hash, 4)));

        assertThat(ApiFixture.assertOk(response, 200).get("results").get(0).get("status").asText()).isEqualTo("committed");
        assertThat(rounds.get()).isEqualTo(4);
        assertThat(clock.instant()).as("paused between the rounds").isAfter(T0.plus(ROUND_TRIP.multipliedBy(4)));
    }

    private String createVault() {
        return ApiFixture.createVault(router, "busy");
    }

    private ApiResponse post(String path, String token, Object body) {
        return ApiFixture.post(router, path, token, body);
    }

    /** Every commit takes a round trip of the clock and, while {@code losing} lasts, finds the head moved. */
    private final class LosingStore extends ForwardingManifestStore {
        LosingStore() {
            super(memory);
        }

        @Override
        public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
            rounds.incrementAndGet();
            clock.advance(ROUND_TRIP);
            if (losing.getAndDecrement() > 0) {
                return CommitAttempt.STALE;
            }
            return super.commit(vault, base, writes, now);
        }
    }
}
