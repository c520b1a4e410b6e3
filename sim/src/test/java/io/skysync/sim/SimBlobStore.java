package io.skysync.sim;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.BlobSweeper;
import io.skysync.service.DownloadTicket;
import io.skysync.service.StoredBlob;
import io.skysync.service.UploadTicket;
import io.skysync.testing.InMemoryBlobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/**
 * The shared test-jar's {@link InMemoryBlobStore} behind {@code http://blobs.sim.invalid/...} URLs,
 * so the client's real {@code HttpTransfers} (OkHttp accepts only http and https) can use them; the
 * requests never leave the JVM ({@link FaultInterceptor} answers them through {@link #serve}).
 * Expiry, exact length and exact SHA-256 are checked as S3 checks them.
 */
public final class SimBlobStore implements BlobStore, BlobSweeper {
    static final String HOST = "blobs.sim.invalid";
    private static final String MEMORY = "memory://blobs";
    private final InMemoryBlobStore inner;

    public SimBlobStore(InMemoryBlobStore inner) {
        this.inner = inner;
    }

    public InMemoryBlobStore inner() {
        return inner;
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        UploadTicket t = inner.presignPut(vault, hash, size, ttl);
        return new UploadTicket(toHttp(t.url()), t.method(), t.headers(), t.expiresAt());
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        DownloadTicket t = inner.presignGet(vault, hash, ttl);
        return new DownloadTicket(toHttp(t.url()), t.expiresAt());
    }

    @Override
    public OptionalLong size(VaultId vault, ContentHash hash) {
        return inner.size(vault, hash);
    }

    @Override
    public Stream<StoredBlob> blobs(VaultId vault) {
        return inner.blobs(vault);
    }

    @Override
    public void delete(VaultId vault, ContentHash hash) {
        inner.delete(vault, hash);
    }

    /** Answers a PUT or GET on a presigned URL the way S3 would. */
    Server.Reply serve(String method, HttpUrl url, byte[] body) {
        URI memory = URI.create(MEMORY + url.encodedPath() + "?" + url.encodedQuery());
        try {
            if (method.equals("PUT")) {
                inner.upload(new UploadTicket(memory, "PUT", Map.of(), Instant.EPOCH), body == null ? new byte[0] : body);
                return new Server.Reply(200, Map.of(), new byte[0]);
            }
            Optional<byte[]> blob = inner.download(memory);
            return blob.map(b -> new Server.Reply(200, Map.of(), b))
                    .orElseGet(() -> xml(404, "NoSuchKey", "The specified key does not exist."));
        } catch (IllegalStateException expired) {
            return expired();
        } catch (IllegalArgumentException bad) {
            return xml(400, "BadDigest", "The content does not match the signed checksum.");
        }
    }

    static Server.Reply expired() {
        return xml(403, "AccessDenied", "Request has expired");
    }

    static Server.Reply xml(int code, String errorCode, String message) {
        String text = "<Error><Code>" + errorCode + "</Code><Message>" + message + "</Message></Error>";
        return new Server.Reply(code, Map.of("Content-Type", "application/xml"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static URI toHttp(URI memory) {
        String s = memory.toString();
        if (!s.startsWith(MEMORY)) {
            throw new IllegalStateException("unexpected in-memory URL shape");
        }
        return URI.create("http://" + HOST + s.substring(MEMORY.length()));
    }
}
