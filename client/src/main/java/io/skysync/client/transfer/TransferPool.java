package io.skysync.client.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs up to N transfers at once and hands back every outcome in input order, so the caller
 * applies results deterministically whatever order they finished in. One failure never stops the
 * others.
 */
public final class TransferPool {
    private final int parallel;

    public TransferPool(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel transfers must be >= 1");
        }
        this.parallel = parallel;
    }

    /** One job's work. */
    public interface Task<T, R> {
        R run(T item) throws Exception;
    }

    /** A job's result or its failure. */
    public record Outcome<T, R>(T item, R value, Exception error) {
        public boolean ok() {
            return error == null;
        }
    }

    public <T, R> List<Outcome<T, R>> run(List<T> items, Task<T, R> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (parallel == 1 || items.size() == 1) {
            List<Outcome<T, R>> out = new ArrayList<>();
            for (T item : items) {
                out.add(runOne(item, task));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, items.size()), r -> {
            Thread t = new Thread(r, "skysync-transfer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome<T, R>>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> runOne(item, task)));
            }
            List<Outcome<T, R>> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(new Outcome<>(items.get(i), null, new IllegalStateException(e.getCause())));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during transfers", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T, R> Outcome<T, R> runOne(T item, Task<T, R> task) {
        try {
            return new Outcome<>(item, task.run(item), null);
        } catch (Exception e) {
            return new Outcome<>(item, null, e);
        }
    }
}
