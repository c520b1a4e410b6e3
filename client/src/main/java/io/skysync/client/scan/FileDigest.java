package io.skysync.client.scan;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * SHA-256 of whole files for one thread: one digest and one read buffer for all its files, each
 * file read to its end through its own channel. A small file's cost is its system calls, so each
 * one saved counts (docs/performance.md, "Hashing"). Not safe for two threads at once.
 */
final class FileDigest {
    static final int BUFFER = 256 * 1024;
    private static final FileSystem DEFAULT = FileSystems.getDefault();
    /**
     * Whether opening with {@link LinkOption#NOFOLLOW_LINKS} fails on a symlink (O_NOFOLLOW: Linux, macOS),
     * so no look at the file is needed before it is opened. Elsewhere (Windows) it opens the link itself.
     */
    private static final boolean DEFAULT_REFUSES_LINKS = DEFAULT.supportedFileAttributeViews().contains("posix");
    private final MessageDigest digest = ContentHash.sha256();
    private final byte[] bytes = new byte[BUFFER];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);

    ContentHash sha256(Path file) throws IOException {
        boolean refusesLinks = DEFAULT_REFUSES_LINKS && file.getFileSystem() == DEFAULT;
        if (!refusesLinks && Files.isSymbolicLink(file)) {
            throw linked();
        }
        // A read that failed half way left its file's bytes in the digest.
        digest.reset();
        try (FileChannel in = open(file, refusesLinks)) {
            buffer.clear();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(bytes, 0, n);
                buffer.clear();
            }
        }
        return ContentHash.of(digest.digest());
    }

    private static FileChannel open(Path file, boolean refusesLinks) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // The JDK's message for O_NOFOLLOW's refusal is "Too many levels of symbolic links".
            if (refusesLinks && Files.isSymbolicLink(file)) {
                throw linked();
            }
            throw e;
        }
    }

    private static IOException linked() {
        return new IOException("is a symbolic link");
    }
}
