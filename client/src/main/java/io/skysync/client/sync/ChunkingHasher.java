package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.ChunkList;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.RootFileOpener;
import io.skysync.content.ChunkId;
import io.skysync.content.ChunkSizes;
import io.skysync.content.CutFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scan's hashing, with a big file cut in the same read (docs/design.md, "Chunk reuse"): the
 * chunker computes the whole file's SHA-256 as it cuts, so the scan gets the hash and the index
 * the file's chunk list, and an upload of it does not read it once more to cut it. Other files go
 * to the scan's own {@link Hasher}, in parallel. Big files are cut on threads of their own while
 * the others are hashed, at most {@link #CUTS_AT_ONCE} at a time (each cut holds its chunker's
 * buffer and copies, and runs on three threads); the index, which is the calling thread's, is
 * written on the calling thread.
 */
final class ChunkingHasher implements Hasher {
    /** One cut per three cores, at least one and at most four. */
    static final int CUTS_AT_ONCE = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 3));
    private final Hasher inner;
    private final ChunkSizes sizes;
    private final ChunkIndex index;
    private final Progress progress;

    ChunkingHasher(Hasher inner, ChunkSizes sizes, ChunkIndex index, Progress progress) {
        this.inner = inner;
        this.sizes = sizes;
        this.index = index;
        this.progress = progress;
    }

    @Override
    public List<Result> hash(List<Path> files) {
        List<Long> known = new ArrayList<>(files.size());
        for (Path file : files) {
            known.add(size(file));
        }
        return hash(files, known);
    }

    @Override
    public List<Result> hash(List<Path> files, List<Long> fileSizes) {
        return hash(null, files, fileSizes);
    }

    /** As {@link Hasher#hash(Path, List, List)}; a null {@code root}: each file opened by its path. */
    @Override
    public List<Result> hash(Path root, List<Path> files, List<Long> fileSizes) {
        List<Path> small = new ArrayList<>();
        List<Long> smallSizes = new ArrayList<>();
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (sizes.chunked(fileSizes.get(i))) {
                big.add(i);
            } else {
                small.add(files.get(i));
                smallSizes.add(fileSizes.get(i));
            }
        }
        if (big.isEmpty()) {
            return hashSmall(root, files, fileSizes);
        }
        ExecutorService cutters = Executors.newFixedThreadPool(Math.min(CUTS_AT_ONCE, big.size()), r -> {
            Thread t = new Thread(r, "skysync-cut");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Cut>> cuts = new ArrayList<>(big.size());
            big.forEach(i -> cuts.add(cutters.submit(() -> cut(root, files.get(i)))));
            List<Result> hashed = hashSmall(root, small, smallSizes);
            Result[] out = new Result[files.size()];
            int next = 0;
            for (int i = 0, b = 0; i < out.length; i++) {
                if (b < big.size() && big.get(b) == i) {
                    out[i] = recorded(files.get(i), cuts.get(b++));
                } else {
                    out[i] = hashed.get(next++);
                }
            }
            return List.of(out);
        } finally {
            cutters.shutdownNow();
        }
    }

    private List<Result> hashSmall(Path root, List<Path> files, List<Long> fileSizes) {
        return root == null ? inner.hash(files, fileSizes) : inner.hash(root, files, fileSizes);
    }

    /** A file's size, or -1 (not chunked) where it cannot be read: the hasher reports why. */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** One cut: the file and what the chunker made of it, or why it could not. */
    private record Cut(Path file, CutFile cut, String error) {
    }

    /** Cuts {@code file}, opened through its folders' handles below {@code root} (null: by its path). */
    private Cut cut(Path root, Path file) {
        try (RootFileOpener opener = root == null ? null : RootFileOpener.under(root);
             InputStream in = Channels.newInputStream(opener == null ? RootFileOpener.openByPath(file) : opener.open(file))) {
            return new Cut(file, CutFile.of(in, ChunkId.SHA256, sizes), null);
        } catch (IOException | RuntimeException e) {
            return new Cut(file, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The cut's result, its chunk list noted in the index on this (the calling) thread. */
    private Result recorded(Path file, Future<Cut> pending) {
        Cut done;
        try {
            done = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(file, null, "interrupted while cutting");
        } catch (ExecutionException e) {
            return new Result(file, null, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        }
        if (done.cut() == null) {
            return new Result(file, null, done.error());
        }
        CutFile cut = done.cut();
        try {
            index.record(new ChunkList(cut.hash(), cut.size(), cut.chunks()));
        } catch (UncheckedIOException e) {
            progress.warn("could not note the chunks of " + file.getFileName() + " in the index (" + e.getMessage() + ")");
        }
        return new Result(file, cut.hash(), null);
    }
}
