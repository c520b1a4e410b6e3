package io.skysync.client.transfer;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Streams a file as a request body, hashing it on the way: if the bytes are not the content the
 * upload was granted for (the file changed since the scan), the body stops before its last bytes,
 * so the storage never holds a whole blob under the wrong hash. Where the store checks the
 * content itself (no expected hash given, see {@link HttpTransfers#ownCheck}), only the length is
 * checked here. Each attempt reads the file anew.
 */
final class FileBody extends RequestBody {
    private static final int BUFFER = 128 * 1024;
    private final Path source;
    private final long offset;
    private final long size;
    private final boolean whole;
    private final ContentHash expected;
    private final Transfers.ByteCounter progress;

    /** The whole of {@code source}, which must hold exactly {@code size} bytes ({@code expected}: null if the store checks). */
    FileBody(Path source, long size, ContentHash expected, Transfers.ByteCounter progress) {
        this(source, 0, size, true, expected, progress);
    }

    /** {@code size} bytes of {@code source} from {@code offset} on: one chunk of a big file. */
    FileBody(Path source, long offset, long size, ContentHash expected, Transfers.ByteCounter progress) {
        this(source, offset, size, false, expected, progress);
    }

    private FileBody(Path source, long offset, long size, boolean whole, ContentHash expected,
                     Transfers.ByteCounter progress) {
        this.source = source;
        this.offset = offset;
        this.whole = whole;
        this.size = size;
        this.expected = expected;
        this.progress = progress;
    }

    @Override
    public MediaType contentType() {
        return null;
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        MessageDigest digest = expected == null ? null : ContentHash.sha256();
        long sent = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = open()) {
            if (size == 0) {
                requireContent(digest, in);
            }
            int n;
            while (sent < size && (n = read(in, buffer, (int) Math.min(buffer.length, size - sent))) > 0) {
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                if (sent + n == size) {
                    requireContent(digest, in);
                }
                sink.write(buffer, 0, n);
                sent += n;
                progress.add(n);
            }
            if (sent != size) {
                throw changed("shrank");
            }
        }
    }

    private InputStream open() throws LocalIoException {
        try {
            SeekableByteChannel channel = Files.newByteChannel(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            throw new LocalIoException(source.getFileName() + " was removed while it was uploaded; it will be synced next time", e);
        } catch (IOException e) {
            throw new LocalIoException("cannot read " + source.getFileName() + ": " + LocalErrors.reason(e), e);
        }
    }

    private void requireContent(MessageDigest digest, InputStream in) throws IOException {
        // A whole file must end here; a chunk of a file is followed by the rest of it.
        if (whole && read(in, new byte[1], 1) > 0) {
            throw changed("grew");
        }
        if (digest != null && !ContentHash.of(((MessageDigest) clone(digest)).digest()).equals(expected)) {
            throw changed("changed");
        }
    }

    private static Object clone(MessageDigest digest) throws LocalIoException {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new LocalIoException("this JVM cannot copy a SHA-256 digest", e);
        }
    }

    private LocalIoException changed(String how) {
        return new LocalIoException(source.getFileName() + " " + how + " while it was uploaded; it will be synced next time");
    }

    private int read(InputStream in, byte[] buffer, int length) throws LocalIoException {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            throw new LocalIoException("cannot read " + source.getFileName() + ": " + LocalErrors.reason(e), e);
        }
    }
}
