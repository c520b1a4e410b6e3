package io.skysync.client.sync;

import io.skysync.client.progress.Progress;
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
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Writes a chunked file into its staged temp file, chunk by chunk in the recipe's order, each from
 * the source {@link ChunkSources} chose. Every chunk is checked against its id as it is copied and
 * the whole file against the entry's SHA-256 at the end; on any mismatch the temp file is removed
 * and nothing is placed. Memory is one chunk at a time.
 */
final class ChunkAssembly {
    private final LocalPlacer placer;
    private final Progress progress;

    ChunkAssembly(LocalPlacer placer, Progress progress) {
        this.placer = placer;
        this.progress = progress;
    }

    /**
     * A chunk that did not read back as its id, so the assembly stopped: from a local file (its
     * content, which is then not read again) or from the chunk folder (null; the file was removed).
     */
    static final class UnusableChunk extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ContentHash content;

        UnusableChunk(ContentHash content, String message) {
            super(message);
            this.content = content;
        }

        ContentHash content() {
            return content;
        }
    }

    void assemble(List<Chunk> chunks, Map<ContentHash, ChunkSources.Source> sources, Path store, Path temp,
                  ContentHash expected) throws IOException, TransferException, UnusableChunk {
        MessageDigest whole = ContentHash.sha256();
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            for (Chunk chunk : chunks) {
                ChunkSources.Source source = sources.get(chunk.id());
                byte[] bytes = source instanceof ChunkSources.Source.Local local ? readLocal(chunk, local)
                        : readStored(chunk, store);
                if (!ChunkId.SHA256.of(bytes, 0, bytes.length).equals(chunk.id())) {
                    throw unusable(chunk, source, store);
                }
                whole.update(bytes);
                out.write(bytes);
                if (source instanceof ChunkSources.Source.Local) {
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

    private static UnusableChunk unusable(Chunk chunk, ChunkSources.Source source, Path store) throws IOException {
        if (source instanceof ChunkSources.Source.Local local) {
            return new UnusableChunk(local.file().hash(), local.file().localName() + " no longer holds chunk "
                    + chunk.id().shortHex() + "…");
        }
        // A kept chunk damaged on disk would otherwise be trusted again by every later run.
        Files.deleteIfExists(store.resolve(chunk.id().hex()));
        return new UnusableChunk(null, "kept chunk " + chunk.id().shortHex() + "… changed on disk");
    }

    private static byte[] readStored(Chunk chunk, Path store) throws IOException {
        try (InputStream in = Files.newInputStream(store.resolve(chunk.id().hex()), LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(chunk.size());
        }
    }

    /** The chunk's bytes from a local file; a file that cannot be read (gone, or moved behind a link) holds none. */
    private byte[] readLocal(Chunk chunk, ChunkSources.Source.Local local) throws UnusableChunk {
        try (SeekableByteChannel channel = placer.read(local.file())) {
            channel.position(local.offset());
            return Channels.newInputStream(channel).readNBytes(chunk.size());
        } catch (IOException | UnsafePathException e) {
            throw new UnusableChunk(local.file().hash(), "could not read " + local.file().localName() + " ("
                    + Reasons.of(e) + ")");
        }
    }
}
