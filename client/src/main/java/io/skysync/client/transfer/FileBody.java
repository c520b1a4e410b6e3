package io.skysync.client.transfer;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Streams a file as a request body, hashing it on the way: if the bytes are not the content the
 * upload was granted for (the file changed since the scan), the body stops before its last bytes,
 * so the storage never holds a whole blob under the wrong hash. Each attempt reads the file anew.
 */
final class FileBody extends RequestBody {
    private static final int BUFFER = 128 * 1024;
    private final Path source;
    private final long size;
    private final ContentHash expected;
    private final Transfers.ByteCounter progress;

    FileBody(Path source, long size, ContentHash expected, Transfers.ByteCounter progress) {
        this.source = source;
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
        MessageDigest digest = ContentHash.sha256();
        long sent = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = open()) {
            if (size == 0) {
                requireContent(digest, in);
            }
            int n;
            while (sent < size && (n = read(in, buffer, (int) Math.min(buffer.length, size - sent))) > 0) {
                digest.update(buffer, 0, n);
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
            return Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new LocalIoException(source.getFileName() + " was removed while it was uploaded; it will be synced next time", e);
        } catch (IOException e) {
            throw new LocalIoException("cannot read " + source.getFileName() + ": " + LocalErrors.reason(e), e);
        }
    }

    private void requireContent(MessageDigest digest, InputStream in) throws IOException {
        if (read(in, new byte[1], 1) > 0) {
            throw changed("grew");
        }
        if (!ContentHash.of(((MessageDigest) clone(digest)).digest()).equals(expected)) {
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
