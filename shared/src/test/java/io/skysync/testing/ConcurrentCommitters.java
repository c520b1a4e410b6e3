package io.skysync.testing;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResultDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.ManifestStore;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Several devices committing at once through a real {@link SyncService} over the store under test:
 * each thread is its own member device and sends one-entry commits, each with content no one else
 * sends, so no commit can pass as another's idempotent retry. Released together by a latch so the
 * first commits really race.
 */
public final class ConcurrentCommitters {
    /** One committed write: which thread won which version, at which seq, with which content. */
    public record Win(int thread, int attempt, String path, long version, long seq, ContentHash hash) {
    }

    /** What the threads saw: their wins and how many attempts lost to a conflict. */
    public record Outcome(List<Win> wins, int conflicts) {
    }

    private final SyncService service;
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final VaultId vault;
    private final List<String> tokens = new ArrayList<>();

    /** Registers {@code threads} member devices in {@code vault}, which must exist. */
    public ConcurrentCommitters(ManifestStore store, VaultId vault, int threads) {
        this.vault = vault;
        this.service = new SyncService(store, blobs, Clock.systemUTC(), new Tokens(new SecureRandom()),
                ServiceConfig.withBootstrapSecret(null));
        Tokens generator = new Tokens(new SecureRandom());
        Instant now = Instant.now();
        for (int t = 0; t < threads; t++) {
            DeviceId id = generator.newDeviceId();
            String token = generator.newToken(id);
            store.addDevice(vault, new DeviceRecord(id, "committer-" + t, Role.MEMBER, Tokens.hash(token), now, now,
                    Seq.ZERO, false));
            tokens.add(token);
        }
    }

    /**
     * Every thread commits to {@code path} {@code commitsPerThread} times, each time over the latest
     * version it knows (its last win, or the remote version a conflict reported).
     */
    public Outcome samePath(VaultPath path, int commitsPerThread, Duration timeout) throws Exception {
        return run(commitsPerThread, timeout, thread -> path);
    }

    /** Every thread commits to a path of its own: nothing may conflict, every commit must land. */
    public Outcome ownPaths(String prefix, int commitsPerThread, Duration timeout) throws Exception {
        return run(commitsPerThread, timeout, thread -> VaultPath.of(prefix + "/thread-" + thread));
    }

    private Outcome run(int commitsPerThread, Duration timeout, IntFunction<VaultPath> pathOfThread) throws Exception {
        int threads = tokens.size();
        ContentHash[][] contents = new ContentHash[threads][commitsPerThread];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < commitsPerThread; i++) {
                contents[t][i] = blobs.put(vault, ("thread " + t + " attempt " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return commitLoop(thread, pathOfThread.apply(thread), contents[thread]);
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Win> wins = new ArrayList<>();
            int conflicts = 0;
            for (Future<Outcome> future : futures) {
                long left = deadline - System.nanoTime();
                try {
                    Outcome one = future.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
                    wins.addAll(one.wins());
                    conflicts += one.conflicts();
                } catch (TimeoutException e) {
                    throw new AssertionError("the committers did not finish within " + timeout
                            + "; raise skysync.contract.timeoutSeconds for a slow store", e);
                }
            }
            return new Outcome(List.copyOf(wins), conflicts);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome commitLoop(int thread, VaultPath path, ContentHash[] contents) {
        String authorization = "Bearer " + tokens.get(thread);
        List<Win> wins = new ArrayList<>();
        int conflicts = 0;
        long base = 0;
        for (int attempt = 0; attempt < contents.length; attempt++) {
            String size = Integer.toString(("thread " + thread + " attempt " + attempt).length());
            CommitEntryDto entry = new CommitEntryDto(path.value(), base, contents[attempt].hex(), Long.valueOf(size),
                    1_000L * attempt, null);
            CommitResultDto result = service.commit(vault, authorization, new CommitRequest(List.of(entry)))
                    .results().get(0);
            switch (result.status()) {
                case COMMITTED -> {
                    wins.add(new Win(thread, attempt, path.value(), result.version(), result.seq(), contents[attempt]));
                    base = result.version();
                }
                case CONFLICT -> {
                    conflicts++;
                    base = result.remote().version();
                }
                default -> throw new AssertionError("unexpected commit result " + result);
            }
        }
        return new Outcome(wins, conflicts);
    }
}
