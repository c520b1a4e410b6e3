package io.skysync.client.scan;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * SHA-256 of whole files for one thread: one digest and one read buffer for all its files, each
 * file read to its end through its own channel. A small file's cost is its system calls, so each
 * one saved counts (docs/performance.md, "Hashing"). Not safe for two threads at once.
 */
final class FileDigest {
    static final int BUFFER = 256 * 1024;
    private final MessageDigest digest = ContentHash.sha256();
    private final byte[] bytes = new byte[BUFFER];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);

    /** The hash of {@code file} opened by its path (a link at its end refused, not among its folders). */
    ContentHash sha256(Path file) throws IOException {
        return sha256(RootFileOpener.openByPath(file));
    }

    /** The hash of {@code file}, opened through {@code opener} (no link followed below its root). */
    ContentHash sha256(Path file, RootFileOpener opener) throws IOException {
        return sha256(opener.open(file));
    }

    private ContentHash sha256(ReadableByteChannel opened) throws IOException {
        // A read that failed half way left its file's bytes in the digest.
        digest.reset();
        try (ReadableByteChannel in = opened) {
            buffer.clear();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(bytes, 0, n);
                buffer.clear();
            }
        }
        return ContentHash.of(digest.digest());
    }
}
