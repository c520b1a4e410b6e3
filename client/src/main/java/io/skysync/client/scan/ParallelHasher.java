package io.skysync.client.scan;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Streams files through SHA-256 on a small pool (one thread per core); never holds a whole file in memory. */
public final class ParallelHasher implements Hasher {
    /**
     * What opening, reading and closing a file costs, counted in bytes hashed: about 10 µs, as long
     * as SHA-256 takes for 16 KiB here (docs/performance.md, "Hashing").
     */
    static final long PER_FILE_BYTES = 16 * 1024;
    /** Less work than this (about 10 ms) is hashed on the calling thread: threads would cost more than they save. */
    static final long POOL_FROM_BYTES = 10L << 20;
    private final int threads;

    public ParallelHasher(int threads) {
        this.threads = Math.max(1, threads);
    }

    public static ParallelHasher perCore() {
        return new ParallelHasher(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<Result> hash(List<Path> files) {
        return hash(null, files, Math.min(threads, files.size()));
    }

    /** As {@link #hash(List)}, on the calling thread alone when the sizes say there is little to hash. */
    @Override
    public List<Result> hash(List<Path> files, List<Long> sizes) {
        return hash(null, files, workers(threads, sizes));
    }

    /** As {@link #hash(List, List)}, each file opened from {@code root} through its folders' handles ({@link RootFileOpener}). */
    @Override
    public List<Result> hash(Path root, List<Path> files, List<Long> sizes) {
        return hash(root, files, workers(threads, sizes));
    }

    /** How many of {@code threads} to hash files of these sizes on. */
    static int workers(int threads, List<Long> sizes) {
        long work = 0;
        for (long size : sizes) {
            work += Math.max(0, size) + PER_FILE_BYTES;
        }
        return work < POOL_FROM_BYTES ? 1 : Math.min(threads, sizes.size());
    }

    /**
     * Hashes on {@code workers} threads, each with one {@link FileDigest} for all its files: a
     * buffer per file (256 KiB to zero for a 4 KiB file) made small files cost three times what
     * sha256sum spends on them (docs/performance.md, "Hashing"). Each thread has its own
     * {@link RootFileOpener} below {@code root} (null: files opened by their paths), which keeps
     * the folders of its last file open.
     */
    private static List<Result> hash(Path root, List<Path> files, int workers) {
        Result[] results = new Result[files.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            FileDigest digest = new FileDigest();
            try (RootFileOpener opener = root == null ? null : RootFileOpener.under(root)) {
                for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                    results[i] = hashOne(files.get(i), digest, opener);
                }
            } catch (IOException e) {
                // Closing a folder's handle failed; every file was read by then.
            }
        };
        if (workers <= 1) {
            worker.run();
            return List.of(results);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "skysync-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return List.of(results);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a hashing worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result hashOne(Path file, FileDigest digest, RootFileOpener opener) {
        try {
            return new Result(file, opener == null ? digest.sha256(file) : digest.sha256(file, opener), null);
        } catch (IOException | RuntimeException e) {
            return new Result(file, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static ContentHash sha256(Path file) throws IOException {
        return new FileDigest().sha256(file);
    }
}
