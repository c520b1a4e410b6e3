package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Names chunks on a small pool while the reading thread cuts the stream and hashes the whole file,
 * so each byte is read once and its two SHA-256s run on different cores (docs/performance.md,
 * "Big files"). Memory is bounded: a chunk's bytes are copied out of the chunker's buffer only
 * while fewer than {@link #IN_FLIGHT_BYTES} are waiting to be hashed; the reader waits otherwise.
 */
final class ParallelChunkIds implements AutoCloseable {
    /** Copies of chunks waiting for their hash: two of the largest chunks. */
    static final int IN_FLIGHT_BYTES = 2 * ChunkParams.MAX_CHUNK;
    /** Threads beside the reader; the reader itself hashes the whole file. */
    static final int THREADS = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));

    private final ChunkId ids;
    private final Semaphore room = new Semaphore(IN_FLIGHT_BYTES);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "skysync-chunk-hash");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<ContentHash>> pending = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

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
        sizes.add(length);
        pending.add(pool.submit(() -> {
            try {
                return ids.of(copy, 0, copy.length);
            } finally {
                room.release(copy.length);
            }
        }));
    }

    /** The chunks in stream order, once every hash is done. */
    List<Chunk> chunks() throws IOException {
        List<Chunk> out = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            try {
                out.add(new Chunk(pending.get(i).get(), sizes.get(i)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while chunking");
            } catch (ExecutionException e) {
                throw new IOException("a chunk's hash failed", e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
