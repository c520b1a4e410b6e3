package io.skysync.client.sync;

import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.content.Chunk;
import io.skysync.content.ChunkId;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Writes a chunked file into its staged temp file, chunk by chunk in the recipe's order, from the
 * chunk folder or from the previous local version. Every chunk is checked against its id as it is
 * copied and the whole file against the entry's SHA-256 at the end; on any mismatch the temp file
 * is removed and nothing is placed. Memory is one chunk at a time.
 */
final class ChunkAssembly {
    private final LocalPlacer placer;
    private final Progress progress;

    ChunkAssembly(LocalPlacer placer, Progress progress) {
        this.placer = placer;
        this.progress = progress;
    }

    void assemble(List<Chunk> chunks, Map<ContentHash, long[]> local, LocalFile previous, Path store, Path temp,
                  ContentHash expected) throws Exception {
        MessageDigest whole = ContentHash.sha256();
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            for (Chunk chunk : chunks) {
                byte[] bytes = read(chunk, local, previous, store);
                if (!ChunkId.SHA256.of(bytes, 0, bytes.length).equals(chunk.id())) {
                    // A kept chunk damaged on disk would otherwise be trusted again by every later run.
                    Files.deleteIfExists(store.resolve(chunk.id().hex()));
                    throw new TransferException(TransferException.Kind.CHECKSUM,
                            "a chunk changed on disk while the file was assembled; it will be fetched on the next sync");
                }
                whole.update(bytes);
                out.write(bytes);
                if (local.containsKey(chunk.id())) {
                    progress.bytes(bytes.length);
                }
            }
            if (!ContentHash.of(whole.digest()).equals(expected)) {
                throw new TransferException(TransferException.Kind.CHECKSUM,
                        "its chunks do not make the content the entry names (its SHA-256 differs); nothing was placed");
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private byte[] read(Chunk chunk, Map<ContentHash, long[]> local, LocalFile previous, Path store)
            throws IOException, UnsafePathException {
        Path stored = store.resolve(chunk.id().hex());
        if (Files.isRegularFile(stored, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(stored, LinkOption.NOFOLLOW_LINKS)) {
                return in.readNBytes(chunk.size());
            }
        }
        long[] range = local.get(chunk.id());
        if (range == null) {
            throw new IOException("chunk " + chunk.id().shortHex() + "… is neither fetched nor local");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(placer.source(previous), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            channel.position(range[0]);
            return Channels.newInputStream(channel).readNBytes(chunk.size());
        }
    }
}
