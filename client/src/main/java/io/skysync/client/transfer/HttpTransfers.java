package io.skysync.client.transfer;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@link Transfers} over one shared {@link OkHttpClient}, behind the {@link RetryInterceptor}.
 * The local file is opened before anything is sent, so a disk problem is reported as what it is
 * and never retried; a refusal is read per store ({@link StorageErrors}); every download's size
 * and SHA-256 are checked while it streams. A download cut off in its body starts again (the
 * interceptor only sees the headers), within the same number of attempts.
 */
public final class HttpTransfers implements Transfers {
    private static final int BUFFER = 128 * 1024;
    private static final String STORE_CHECKSUM = "x-amz-checksum-sha256";
    private final OkHttpClient http;
    private final Backoff backoff;
    private final Clock clock;

    public HttpTransfers(OkHttpClient http, Backoff backoff) {
        this(http, backoff, Clock.systemUTC());
    }

    /** @param clock tells whether a URL is past its expiry (where the store does not say so itself) */
    public HttpTransfers(OkHttpClient http, Backoff backoff, Clock clock) {
        this.http = RetryInterceptor.around(http, backoff);
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void upload(Path source, long size, UploadDto target, ByteCounter progress) throws TransferException {
        send(new FileBody(source, size, ownCheck(target), progress), target);
    }

    @Override
    public void upload(Path source, long offset, long size, UploadDto target, ByteCounter progress)
            throws TransferException {
        send(new FileBody(source, offset, size, ownCheck(target), progress), target);
    }

    /**
     * The hash to check the bytes against as they stream, or null where the store refuses any other
     * bytes itself: the request carries the blob's SHA-256 as {@code x-amz-checksum-sha256} (S3 and
     * S3Proxy hash the body and answer 400 {@code BadDigest}, storing nothing; docs/client.md, "Big
     * files"). Hashing it here too would cost one more pass over every byte sent.
     */
    static ContentHash ownCheck(UploadDto target) {
        ContentHash expected = new ContentHash(target.hash());
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase(STORE_CHECKSUM) && expected.base64().equals(header.getValue())) {
                return null;
            }
        }
        return expected;
    }

    private void send(FileBody body, UploadDto target) throws TransferException {
        Request.Builder request = new Request.Builder().url(target.url()).method(target.method() == null ? "PUT"
                : target.method(), body);
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (!response.isSuccessful()
                    && refusal(true, response, instant(target.expiresAt())) != StorageErrors.Verdict.ALREADY_STORED) {
                throw refused("upload", response, instant(target.expiresAt()));
            }
        } catch (LocalIoException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO, e.getMessage(), e);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.NETWORK, "upload failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void download(Presigned url, Path target, ContentHash expected, long size, ByteCounter progress)
            throws TransferException {
        try (FileChannel file = open(target)) {
            for (int attempt = 1; ; attempt++) {
                file.truncate(0).position(0);
                try {
                    fetch(url, file, expected, size, progress);
                    return;
                } catch (CutOff e) {
                    if (attempt >= backoff.maxAttempts()) {
                        throw new TransferException(TransferException.Kind.NETWORK,
                                e.getMessage() + " (after " + attempt + " attempts)", e);
                    }
                    backoff.pause(attempt, null);
                }
            }
        } catch (TransferException e) {
            deleteQuietly(target);
            throw e;
        } catch (IOException e) {
            deleteQuietly(target);
            throw new TransferException(TransferException.Kind.LOCAL_IO,
                    "cannot write " + target.getFileName() + ": " + LocalErrors.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(target);
            throw new TransferException(TransferException.Kind.NETWORK, "interrupted", e);
        }
    }

    private static FileChannel open(Path target) throws TransferException {
        try {
            return FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO,
                    "cannot write " + target.getFileName() + ": " + LocalErrors.reason(e), e);
        }
    }

    /** One GET into {@code file}; a network failure inside the body is a {@link CutOff}. */
    private void fetch(Presigned url, FileChannel file, ContentHash expected, long size, ByteCounter progress)
            throws TransferException, CutOff, IOException {
        Request request = new Request.Builder().url(url.url().toString()).get().build();
        Response response;
        try {
            response = http.newCall(request).execute();
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.NETWORK, "download failed: " + e.getMessage(), e);
        }
        try (response; InputStream in = response.body().byteStream()) {
            if (!response.isSuccessful()) {
                throw refused("download", response, url.expiresAt());
            }
            MessageDigest digest = ContentHash.sha256();
            OutputStream out = Channels.newOutputStream(file);
            long written = 0;
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = readBody(in, buffer)) > 0) {
                written += n;
                if (written > size) {
                    throw new TransferException(TransferException.Kind.CHECKSUM,
                            "the storage sent more than the expected " + size + " bytes; refused");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                progress.add(n);
            }
            if (written != size) {
                throw new CutOff("the download ended after " + written + " of " + size + " bytes", null);
            }
            ContentHash got = ContentHash.of(digest.digest());
            if (!got.equals(expected)) {
                throw new TransferException(TransferException.Kind.CHECKSUM, "the downloaded content does not match its"
                        + " SHA-256 (got " + got.shortHex() + ", expected " + expected.shortHex() + "); refused");
            }
        }
    }

    private static int readBody(InputStream in, byte[] buffer) throws CutOff {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new CutOff("the download broke off: " + e.getMessage(), e);
        }
    }

    private StorageErrors.Verdict refusal(boolean upload, Response response, Instant expiresAt) {
        return StorageErrors.classify(upload, response.code(), response.header("x-ms-error-code"), peek(response),
                expiresAt, clock.instant());
    }

    private TransferException refused(String what, Response response, Instant expiresAt) {
        int code = response.code();
        String storeCode = response.header("x-ms-error-code") != null ? response.header("x-ms-error-code")
                : StorageErrors.xmlCode(peek(response));
        String detail = "HTTP " + code + (storeCode.isEmpty() ? "" : " " + storeCode);
        return switch (refusal(what.equals("upload"), response, expiresAt)) {
            case EXPIRED -> new TransferException(TransferException.Kind.EXPIRED, "the " + what + " URL expired");
            case CHECKSUM -> new TransferException(TransferException.Kind.CHECKSUM,
                    what + " refused: the content did not match its checksum (" + detail + ")");
            case MISSING -> new TransferException(TransferException.Kind.MISSING,
                    "the storage has no such blob (" + detail + ")");
            case UNAVAILABLE -> new TransferException(TransferException.Kind.NETWORK, "the storage is unavailable ("
                    + detail + " after " + backoff.maxAttempts() + " attempts)");
            case ALREADY_STORED, REFUSED -> new TransferException(TransferException.Kind.REFUSED,
                    what + " refused: " + detail);
        };
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(4096).string();
        } catch (IOException e) {
            return "";
        }
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the staging folder is emptied at the start of every sync.
        }
    }

    /** The connection broke inside a download's body: worth another GET. */
    private static final class CutOff extends Exception {
        private static final long serialVersionUID = 1L;

        CutOff(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
