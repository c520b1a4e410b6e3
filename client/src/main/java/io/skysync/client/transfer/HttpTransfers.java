package io.skysync.client.transfer;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

/**
 * {@link Transfers} over one shared {@link OkHttpClient}: retries I/O errors, 429 and 5xx with
 * backoff and jitter; reports an expired presigned URL as {@code EXPIRED} so the caller asks for a
 * new one; verifies every download's SHA-256 while it streams to disk.
 */
public final class HttpTransfers implements Transfers {
    private static final int BUFFER = 128 * 1024;
    private final OkHttpClient http;
    private final Backoff backoff;

    public HttpTransfers(OkHttpClient http, Backoff backoff) {
        this.http = http;
        this.backoff = backoff;
    }

    /** A failure worth another attempt with the same URL. */
    private static final class Transient extends Exception {
        private final Duration retryAfter;

        Transient(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }
    }

    private interface Attempt {
        void run() throws Transient, TransferException;
    }

    @Override
    public void upload(Path source, long size, UploadDto target, ByteCounter progress) throws TransferException {
        retrying(() -> uploadOnce(source, size, target, progress));
    }

    @Override
    public void download(URI url, Path target, ContentHash expected, long size, ByteCounter progress)
            throws TransferException {
        try {
            retrying(() -> downloadOnce(url, target, expected, size, progress));
        } catch (TransferException | RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    private void retrying(Attempt attempt) throws TransferException {
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (Transient e) {
                if (n >= backoff.maxAttempts()) {
                    throw new TransferException(TransferException.Kind.NETWORK,
                            e.getMessage() + " (after " + n + " attempts)", e.getCause());
                }
                try {
                    backoff.pause(n, e.retryAfter);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TransferException(TransferException.Kind.NETWORK, "interrupted", interrupted);
                }
            }
        }
    }

    private void uploadOnce(Path source, long size, UploadDto target, ByteCounter progress)
            throws Transient, TransferException {
        Request.Builder request = new Request.Builder().url(target.url())
                .method(target.method() == null ? "PUT" : target.method(), new FileBody(source, size, progress));
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (response.isSuccessful()) {
                return;
            }
            fail(response, "upload");
        } catch (FileChangedException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO, e.getMessage(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof FileChangedException changed) {
                throw new TransferException(TransferException.Kind.LOCAL_IO, changed.getMessage(), changed);
            }
            throw new Transient("upload failed: " + e.getMessage(), null, e);
        }
    }

    private void downloadOnce(URI url, Path target, ContentHash expected, long size, ByteCounter progress)
            throws Transient, TransferException {
        Request request = new Request.Builder().url(url.toString()).get().build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                fail(response, "download");
            }
            ResponseBody body = response.body();
            MessageDigest digest = ContentHash.sha256();
            long written = 0;
            try (InputStream in = body.byteStream();
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                         StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = readBody(in, buffer)) > 0) {
                    written += n;
                    if (written > size) {
                        throw new TransferException(TransferException.Kind.CHECKSUM,
                                "the server sent more than the expected " + size + " bytes; refused");
                    }
                    digest.update(buffer, 0, n);
                    writeLocal(out, buffer, n);
                    progress.add(n);
                }
            }
            if (written != size) {
                throw new Transient("the download ended after " + written + " of " + size + " bytes", null, null);
            }
            ContentHash got = ContentHash.of(digest.digest());
            if (!got.equals(expected)) {
                throw new TransferException(TransferException.Kind.CHECKSUM,
                        "the downloaded content does not match its SHA-256 (got " + got.shortHex() + ", expected "
                                + expected.shortHex() + "); refused");
            }
        } catch (LocalWriteException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO, "cannot write " + target.getFileName()
                    + ": " + e.getCause().getMessage() + " (is the disk full?)", e.getCause());
        } catch (IOException e) {
            throw new Transient("download failed: " + e.getMessage(), null, e);
        }
    }

    private static int readBody(InputStream in, byte[] buffer) throws IOException {
        return in.read(buffer);
    }

    private static void writeLocal(OutputStream out, byte[] buffer, int n) throws LocalWriteException {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new LocalWriteException(e);
        }
    }

    /** A write to the local disk failed: not a network problem, not worth a retry. */
    private static final class LocalWriteException extends IOException {
        LocalWriteException(IOException cause) {
            super(cause);
        }
    }

    private static void fail(Response response, String what) throws Transient, TransferException {
        int code = response.code();
        String body = peek(response);
        if (code == 429 || code >= 500) {
            throw new Transient(what + " failed: HTTP " + code, retryAfter(response.header("Retry-After")), null);
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (code == 403 && lower.contains("expired")) {
            throw new TransferException(TransferException.Kind.EXPIRED, "the " + what + " URL expired");
        }
        if (lower.contains("baddigest") || lower.contains("checksum") || lower.contains("md5")) {
            throw new TransferException(TransferException.Kind.CHECKSUM,
                    what + " refused: the content did not match its checksum (HTTP " + code + ")");
        }
        throw new TransferException(TransferException.Kind.REFUSED, what + " refused: HTTP " + code + errorCode(body));
    }

    private static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start >= 0 && end > start ? " " + body.substring(start + 6, end) : "";
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(4096).string();
        } catch (IOException e) {
            return "";
        }
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the next scan removes stale temp files.
        }
    }

    /** The local file changed size while it was sent: its hash no longer holds. */
    static final class FileChangedException extends IOException {
        FileChangedException(String message) {
            super(message);
        }
    }

    /** Streams a file as a request body, so an upload never holds it in memory. */
    private static final class FileBody extends RequestBody {
        private final Path source;
        private final long size;
        private final ByteCounter progress;

        FileBody(Path source, long size, ByteCounter progress) {
            this.source = source;
            this.size = size;
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
            long sent = 0;
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while (sent < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - sent))) > 0) {
                    sink.write(buffer, 0, n);
                    sent += n;
                    progress.add(n);
                }
                if (sent != size || in.read() >= 0) {
                    throw new FileChangedException(source.getFileName() + " changed while it was uploaded; it will be sent on the next sync");
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new FileChangedException(source.getFileName() + " was removed while it was uploaded");
            }
        }
    }
}
