package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.BlobSweeper;
import io.skysync.service.DownloadTicket;
import io.skysync.service.StoredBlob;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in memory, the one presigned-URL blob store of every test (the API's unit
 * tests, the client's loopback backend, the simulation). Its URLs are
 * {@code <base>/vaults/<vault>/blobs/<hash>?size=&expires=} ({@code memory://blobs} unless a base
 * is given, e.g. a loopback server's), and {@link #upload}, {@link #download} and {@link #serve}
 * honour them the way a real store would: expiry (on the injected clock), exact length, exact
 * SHA-256, and S3's XML errors. Tests may also {@link #put} blobs directly. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore, BlobSweeper {
    /** Vault ids may hold '_', which a URI host may not, so the vault goes in the path. */
    private static final String MEMORY = "memory://blobs";
    private final String prefix;
    private final Clock clock;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();
    private final AtomicLong presignedPuts = new AtomicLong();
    private final AtomicLong presignedGets = new AtomicLong();

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    public InMemoryBlobStore(Clock clock) {
        this(clock, MEMORY);
    }

    /** @param base where the URLs point, e.g. {@code http://127.0.0.1:PORT} of a server that calls {@link #serve} */
    public InMemoryBlobStore(Clock clock, String base) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = Objects.requireNonNull(base, "base") + "/vaults/";
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        presignedPuts.incrementAndGet();
        Instant expires = clock.instant().plus(ttl);
        URI url = URI.create(prefix + vault.value() + "/blobs/" + hash.hex() + "?size=" + size
                + "&expires=" + expires.toEpochMilli());
        return new UploadTicket(url, "PUT", Map.of("Content-Length", Long.toString(size)), expires);
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        presignedGets.incrementAndGet();
        Instant expires = clock.instant().plus(ttl);
        URI url = URI.create(prefix + vault.value() + "/blobs/" + hash.hex() + "?expires=" + expires.toEpochMilli());
        return new DownloadTicket(url, expires);
    }

    @Override
    public OptionalLong size(VaultId vault, ContentHash hash) {
        byte[] content = blobs.get(key(vault, hash));
        return content == null ? OptionalLong.empty() : OptionalLong.of(content.length);
    }

    /** Stores a blob as if a client had uploaded it, and returns its hash. */
    public ContentHash put(VaultId vault, byte[] content) {
        ContentHash hash = ContentHash.ofBytes(content);
        store(key(vault, hash), content);
        return hash;
    }

    /** Stores bytes under a hash they do not match: a corrupt or truncated blob, for negative tests. */
    public void putCorrupt(VaultId vault, ContentHash hash, byte[] content) {
        store(key(vault, hash), content);
    }

    /** The stored bytes of a blob. */
    public Optional<byte[]> get(VaultId vault, ContentHash hash) {
        return Optional.ofNullable(blobs.get(key(vault, hash))).map(byte[]::clone);
    }

    /**
     * Uploads through a ticket from {@link #presignPut}, refusing what a real store refuses: an
     * expired URL, a body of another length, a body whose SHA-256 is not the URL's hash.
     */
    public void upload(UploadTicket ticket, byte[] body) {
        MemoryUrl url = MemoryUrl.parse(ticket.url(), prefix);
        url.requireNotExpired(clock.instant());
        if (url.size() != body.length) {
            throw new IllegalArgumentException("the URL accepts " + url.size() + " bytes, got " + body.length);
        }
        if (!ContentHash.ofBytes(body).equals(url.hash())) {
            throw new IllegalArgumentException("the body does not match the hash signed into the URL");
        }
        store(url.vault() + "/" + url.hash().hex(), body);
    }

    /** Downloads through a URL from {@link #presignGet}; empty if the blob is absent. */
    public Optional<byte[]> download(URI presigned) {
        MemoryUrl url = MemoryUrl.parse(presigned, prefix);
        url.requireNotExpired(clock.instant());
        return Optional.ofNullable(blobs.get(url.vault() + "/" + url.hash().hex())).map(byte[]::clone);
    }

    /** An HTTP answer of the store. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    /**
     * Answers a PUT or GET of one of this store's URLs ({@code pathAndQuery} as sent) the way S3
     * does: 403 {@code AccessDenied} "Request has expired", 400 {@code BadDigest} for a body that is
     * not the signed length or hash, 404 {@code NoSuchKey}.
     */
    public Reply serve(String method, String pathAndQuery, byte[] body) {
        URI url = URI.create(prefix.substring(0, prefix.length() - "/vaults/".length()) + pathAndQuery);
        try {
            if (method.equals("PUT")) {
                upload(new UploadTicket(url, "PUT", Map.of(), Instant.EPOCH), body == null ? new byte[0] : body);
                return new Reply(200, "application/xml", new byte[0]);
            }
            if (!method.equals("GET")) {
                return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }
            return download(url).map(b -> new Reply(200, "application/octet-stream", b))
                    .orElseGet(() -> error(404, "NoSuchKey", "The specified key does not exist."));
        } catch (IllegalStateException expired) {
            return expired();
        } catch (IllegalArgumentException bad) {
            return error(400, "BadDigest", "The Content-SHA256 you specified did not match what we received.");
        }
    }

    /** S3's answer to an expired presigned URL. */
    public static Reply expired() {
        return error(403, "AccessDenied", "Request has expired");
    }

    /** An S3 XML error. */
    public static Reply error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        return new Reply(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    public long presignedPuts() {
        return presignedPuts.get();
    }

    public long presignedGets() {
        return presignedGets.get();
    }

    /** How many blobs the store holds, across vaults. */
    public int count() {
        return blobs.size();
    }

    /** Every blob of the vault with its size and the clock's time when it was last written. */
    @Override
    public Stream<StoredBlob> blobs(VaultId vault) {
        String prefix = vault.value() + "/";
        List<StoredBlob> out = new ArrayList<>();
        blobs.forEach((key, content) -> {
            if (key.startsWith(prefix)) {
                out.add(new StoredBlob(new ContentHash(key.substring(prefix.length())), content.length,
                        modified.getOrDefault(key, Instant.EPOCH)));
            }
        });
        return out.stream();
    }

    @Override
    public void delete(VaultId vault, ContentHash hash) {
        synchronized (blobs) {
            blobs.remove(key(vault, hash));
            modified.remove(key(vault, hash));
        }
    }

    private void store(String key, byte[] content) {
        synchronized (blobs) {
            blobs.put(key, content.clone());
            modified.put(key, clock.instant());
        }
    }

    private static String key(VaultId vault, ContentHash hash) {
        return vault.value() + "/" + hash.hex();
    }

    private record MemoryUrl(String vault, ContentHash hash, long size, long expiresMillis) {
        static MemoryUrl parse(URI url, String prefix) {
            String text = url.toString();
            int query = text.indexOf('?');
            // After the prefix: "<vault>/blobs/<hash>?size=...&expires=...".
            String[] segments = text.startsWith(prefix) && query > 0
                    ? text.substring(prefix.length(), query).split("/") : new String[0];
            if (segments.length != 3 || !segments[1].equals("blobs") || !ContentHash.isValid(segments[2])) {
                throw new IllegalArgumentException("not a URL of this store: " + url.getScheme() + "://...");
            }
            long size = -1;
            long expires = -1;
            for (String pair : text.substring(query + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("size")) {
                    size = Long.parseLong(kv[1]);
                } else if (kv[0].equals("expires")) {
                    expires = Long.parseLong(kv[1]);
                }
            }
            return new MemoryUrl(segments[0], new ContentHash(segments[2]), size, expires);
        }

        void requireNotExpired(Instant now) {
            if (now.toEpochMilli() > expiresMillis) {
                throw new IllegalStateException("the presigned URL expired at " + Instant.ofEpochMilli(expiresMillis));
            }
        }
    }
}
