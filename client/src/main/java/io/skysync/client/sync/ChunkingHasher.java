package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.ChunkList;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.Hasher;
import io.skysync.content.ChunkId;
import io.skysync.content.ChunkSizes;
import io.skysync.content.CutFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan's hashing, with a big file cut in the same read (docs/design.md, "Chunk reuse"): the
 * chunker computes the whole file's SHA-256 as it cuts, so the scan gets the hash and the index
 * the file's chunk list, and an upload of it does not read it once more to cut it. Other files go
 * to the scan's own {@link Hasher}, in parallel.
 */
final class ChunkingHasher implements Hasher {
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
        List<Path> small = new ArrayList<>();
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (chunked(files.get(i))) {
                big.add(i);
            } else {
                small.add(files.get(i));
            }
        }
        if (big.isEmpty()) {
            return inner.hash(files);
        }
        List<Result> hashed = inner.hash(small);
        Result[] out = new Result[files.size()];
        int next = 0;
        for (int i = 0, b = 0; i < out.length; i++) {
            if (b < big.size() && big.get(b) == i) {
                out[i] = cut(files.get(i));
                b++;
            } else {
                out[i] = hashed.get(next++);
            }
        }
        return List.of(out);
    }

    private boolean chunked(Path file) {
        try {
            return sizes.chunked(Files.size(file));
        } catch (IOException e) {
            // The hasher reports why it cannot be read.
            return false;
        }
    }

    private Result cut(Path file) {
        CutFile cut;
        try {
            if (Files.isSymbolicLink(file)) {
                throw new IOException("is a symbolic link");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                cut = CutFile.of(in, ChunkId.SHA256, sizes);
            }
        } catch (IOException | RuntimeException e) {
            return new Result(file, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            index.record(new ChunkList(cut.hash(), cut.size(), cut.chunks()));
        } catch (UncheckedIOException e) {
            progress.warn("could not note the chunks of " + file.getFileName() + " in the index (" + e.getMessage() + ")");
        }
        return new Result(file, cut.hash(), null);
    }
}
