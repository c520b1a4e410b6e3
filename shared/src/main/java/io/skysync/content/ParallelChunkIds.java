package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes the chunks and the whole file off the reading thread, so that the reader only reads
 * and cuts, each byte is read once, and the three run on different cores (docs/performance.md,
 * "Big files"): the chunks' SHA-256s on a small pool, the whole file's on a thread of its own,
 * fed the same copies in stream order. Memory is bounded: a chunk's bytes are copied out of the
 * chunker's buffer only while fewer than {@link #IN_FLIGHT_BYTES} are waiting to be hashed; the
 * reader waits otherwise.
 */
final class ParallelChunkIds implements AutoCloseable {
    /** Copies of chunks waiting for their hashes: two of the largest chunks. */
    static final int IN_FLIGHT_BYTES = 2 * ChunkParams.MAX_CHUNK;
    /** Threads for the chunks' hashes, beside the reader and the whole file's hash. */
    static final int THREADS = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));

    private final ChunkId ids;
    private final Semaphore room = new Semaphore(IN_FLIGHT_BYTES);
    private final ExecutorService pool = daemons(THREADS, "skysync-chunk-hash");
    private final ExecutorService wholeThread = daemons(1, "skysync-file-hash");
    private final MessageDigest whole = ContentHash.sha256();
    private final List<Future<ContentHash>> pending = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private Future<?> wholeDone;

    ParallelChunkIds(ChunkId ids) {
        this.ids = ids;
    }

    /** Queues a chunk; {@code bytes[offset, offset + length)} may be overwritten once this returns. */
    void add(byte[] bytes, int offset, int length) throws IOException {
        try {
            room.acquire(length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while chunking");
        }
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        // Both hashes read the copy; the last to finish gives its room back.
        AtomicInteger readers = new AtomicInteger(2);
        Runnable done = () -> {
            if (readers.decrementAndGet() == 0) {
                room.release(copy.length);
            }
        };
        sizes.add(length);
        pending.add(pool.submit(() -> {
            try {
                return ids.of(copy, 0, copy.length);
            } finally {
                done.run();
            }
        }));
        // A single thread runs its tasks in the order they came: the whole file's bytes in stream order.
        wholeDone = wholeThread.submit(() -> {
            try {
                whole.update(copy, 0, copy.length);
            } finally {
                done.run();
            }
        });
    }

    /** The chunks in stream order, once every hash is done. */
    List<Chunk> chunks() throws IOException {
        List<Chunk> out = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            out.add(new Chunk(await(pending.get(i)), sizes.get(i)));
        }
        return out;
    }

    /** The SHA-256 of every byte added, once the last is hashed; call once. */
    ContentHash whole() throws IOException {
        if (wholeDone != null) {
            await(wholeDone);
        }
        return ContentHash.of(whole.digest());
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while chunking");
        } catch (ExecutionException e) {
            throw new IOException("hashing a chunk failed", e.getCause());
        }
    }

    private static ExecutorService daemons(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        wholeThread.shutdownNow();
    }
}
