package io.skysync.client.scan;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Streams files through SHA-256 on a small pool (one thread per core); never holds a whole file in memory. */
public final class ParallelHasher implements Hasher {
    private static final int BUFFER = 256 * 1024;
    private final int threads;

    public ParallelHasher(int threads) {
        this.threads = Math.max(1, threads);
    }

    public static ParallelHasher perCore() {
        return new ParallelHasher(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Hashes on up to {@code threads} workers, each with one read buffer for all its files: a
     * buffer per file (256 KiB to zero for a 4 KiB file) made small files cost three times what
     * sha256sum spends on them (docs/performance.md, "Hashing").
     */
    @Override
    public List<Result> hash(List<Path> files) {
        Result[] results = new Result[files.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            byte[] buffer = new byte[BUFFER];
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                results[i] = hashOne(files.get(i), buffer);
            }
        };
        int workers = Math.min(threads, files.size());
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

    public static Result hashOne(Path file) {
        return hashOne(file, new byte[BUFFER]);
    }

    private static Result hashOne(Path file, byte[] buffer) {
        try {
            return new Result(file, sha256(file, buffer), null);
        } catch (IOException | RuntimeException e) {
            return new Result(file, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static ContentHash sha256(Path file) throws IOException {
        return sha256(file, new byte[BUFFER]);
    }

    private static ContentHash sha256(Path file, byte[] buffer) throws IOException {
        MessageDigest digest = ContentHash.sha256();
        if (Files.isSymbolicLink(file)) {
            throw new IOException("is a symbolic link");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return ContentHash.of(digest.digest());
    }
}
