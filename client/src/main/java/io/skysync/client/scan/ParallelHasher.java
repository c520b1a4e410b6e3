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

    @Override
    public List<Result> hash(List<Path> files) {
        if (files.size() < 2 || threads == 1) {
            return files.stream().map(ParallelHasher::hashOne).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
            Thread t = new Thread(r, "skysync-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>(files.size());
            for (Path file : files) {
                futures.add(pool.submit(() -> hashOne(file)));
            }
            List<Result> results = new ArrayList<>(files.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new Result(files.get(i), null, String.valueOf(e.getCause())));
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public static Result hashOne(Path file) {
        try {
            return new Result(file, sha256(file), null);
        } catch (IOException e) {
            return new Result(file, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public static ContentHash sha256(Path file) throws IOException {
        MessageDigest digest = ContentHash.sha256();
        byte[] buffer = new byte[BUFFER];
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
