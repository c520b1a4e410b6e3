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
import java.util.function.IntPredicate;

/**
 * Several devices committing at once through a real {@link SyncService} over the store under test:
 * each thread is its own member device and sends one-entry commits, each with content no one else
 * sends, so no commit can pass as another's idempotent retry. Released together by a latch so the
 * first commits really race. In {@link #contentAndMetadata} half the threads instead re-commit the
 * content they last saw with a time and bit of their own (a {@code touch}, a {@code chmod}).
 */
public final class ConcurrentCommitters {
    /** One committed write: which thread won which version, at which seq, with which content. */
    public record Win(int thread, int attempt, String path, long base, long version, long seq, ContentHash hash,
                      long mtime, Boolean executable) {
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
        return run(commitsPerThread, timeout, thread -> path, thread -> false, null);
    }

    /** Every thread commits to a path of its own: nothing may conflict, every commit must land. */
    public Outcome ownPaths(String prefix, int commitsPerThread, Duration timeout) throws Exception {
        return run(commitsPerThread, timeout, thread -> VaultPath.of(prefix + "/thread-" + thread), thread -> false, null);
    }

    /**
     * Thread 0 first writes version 1 of {@code path} (returned as the win of thread -1); then every
     * thread commits to it at once, the even ones new content with a bit of their own, the odd ones
     * metadata only: the content they last saw, with a time no one else sends and the bit they last
     * saw flipped. Every time is unique, so no commit can pass as already current.
     */
    public Outcome contentAndMetadata(VaultPath path, int commitsPerThread, Duration timeout) throws Exception {
        byte[] seedBytes = "seed".getBytes(StandardCharsets.UTF_8);
        ContentHash seedHash = blobs.put(vault, seedBytes);
        CommitEntryDto seedEntry = new CommitEntryDto(path.value(), 0L, seedHash.hex(), (long) seedBytes.length, 1L, null,
                null, false);
        CommitResultDto result = service.commit(vault, "Bearer " + tokens.get(0), new CommitRequest(List.of(seedEntry)))
                .results().get(0);
        Win seed = new Win(-1, 0, path.value(), 0, result.version(), result.seq(), seedHash, 1L, false);
        return run(commitsPerThread, timeout, thread -> path, thread -> thread % 2 == 1, seed);
    }

    private Outcome run(int commitsPerThread, Duration timeout, IntFunction<VaultPath> pathOfThread,
                        IntPredicate metadataOnly, Win seed) throws Exception {
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
                    return commitLoop(thread, pathOfThread.apply(thread), contents[thread], metadataOnly.test(thread), seed);
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Win> wins = new ArrayList<>();
            if (seed != null) {
                wins.add(seed);
            }
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

    private Outcome commitLoop(int thread, VaultPath path, ContentHash[] contents, boolean metadataOnly, Win seed) {
        String authorization = "Bearer " + tokens.get(thread);
        List<Win> wins = new ArrayList<>();
        int conflicts = 0;
        long base = seed == null ? 0 : seed.version();
        ContentHash seen = seed == null ? null : seed.hash();
        long seenSize = seed == null ? 0 : "seed".length();
        Boolean seenBit = seed == null ? null : seed.executable();
        for (int attempt = 0; attempt < contents.length; attempt++) {
            long mtime = 1_000_000L * (thread + 1) + attempt;
            ContentHash hash = metadataOnly ? seen : contents[attempt];
            long size = metadataOnly ? seenSize : ("thread " + thread + " attempt " + attempt).length();
            Boolean bit = seed == null ? null : metadataOnly ? !Boolean.TRUE.equals(seenBit) : attempt % 2 == 0;
            CommitEntryDto entry = new CommitEntryDto(path.value(), base, hash.hex(), size, mtime, null, null, bit);
            CommitResultDto result = service.commit(vault, authorization, new CommitRequest(List.of(entry)))
                    .results().get(0);
            switch (result.status()) {
                case COMMITTED -> {
                    wins.add(new Win(thread, attempt, path.value(), base, result.version(), result.seq(), hash, mtime, bit));
                    base = result.version();
                    seen = hash;
                    seenSize = size;
                    seenBit = bit;
                }
                case CONFLICT -> {
                    conflicts++;
                    base = result.remote().version();
                    seen = new ContentHash(result.remote().hash());
                    seenSize = result.remote().size();
                    seenBit = result.remote().executable();
                }
                default -> throw new AssertionError("unexpected commit result " + result);
            }
        }
        return new Outcome(wins, conflicts);
    }
}
