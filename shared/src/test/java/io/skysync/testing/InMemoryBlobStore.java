package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.BlobSweeper;
import io.skysync.service.DownloadTicket;
import io.skysync.service.StoredBlob;
import io.skysync.service.UploadTicket;
import java.net.URI;
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
 * A {@link BlobStore} in memory, for tests. Presigned URLs are fake ({@code memory://<vault>/blobs/<hash>?...})
 * but {@link #upload} and {@link #download} honour them the way a real store would: expiry, exact length,
 * exact SHA-256. Tests may also {@link #put} blobs directly. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore, BlobSweeper {
    /** Vault ids may hold '_', which a URI host may not, so the vault goes in the path. */
    private static final String PREFIX = "memory://blobs/vaults/";
    private final Clock clock;
    private final long maxUploadBytes;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();
    private final AtomicLong presignedPuts = new AtomicLong();
    private final AtomicLong presignedGets = new AtomicLong();

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    public InMemoryBlobStore(Clock clock) {
        this(clock, DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** @param maxUploadBytes the largest blob one upload ticket takes, as a real store's single PUT */
    public InMemoryBlobStore(Clock clock, long maxUploadBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        presignedPuts.incrementAndGet();
        Instant expires = clock.instant().plus(ttl);
        URI url = URI.create(PREFIX + vault.value() + "/blobs/" + hash.hex() + "?size=" + size
                + "&expires=" + expires.toEpochMilli());
        return new UploadTicket(url, "PUT", Map.of("Content-Length", Long.toString(size)), expires);
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        presignedGets.incrementAndGet();
        Instant expires = clock.instant().plus(ttl);
        URI url = URI.create(PREFIX + vault.value() + "/blobs/" + hash.hex() + "?expires=" + expires.toEpochMilli());
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
        MemoryUrl url = MemoryUrl.parse(ticket.url());
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
        MemoryUrl url = MemoryUrl.parse(presigned);
        url.requireNotExpired(clock.instant());
        return Optional.ofNullable(blobs.get(url.vault() + "/" + url.hash().hex())).map(byte[]::clone);
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
        static MemoryUrl parse(URI url) {
            String[] segments = url.getPath() == null ? new String[0] : url.getPath().split("/");
            // "/vaults/<vault>/blobs/<hash>" splits into "", "vaults", vault, "blobs", hash.
            if (!url.toString().startsWith(PREFIX) || segments.length != 5 || url.getQuery() == null) {
                throw new IllegalArgumentException("not a URL of this store: " + url.getScheme() + "://...");
            }
            long size = -1;
            long expires = -1;
            for (String pair : url.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("size")) {
                    size = Long.parseLong(kv[1]);
                } else if (kv[0].equals("expires")) {
                    expires = Long.parseLong(kv[1]);
                }
            }
            return new MemoryUrl(segments[2], new ContentHash(segments[4]), size, expires);
        }

        void requireNotExpired(Instant now) {
            if (now.toEpochMilli() > expiresMillis) {
                throw new IllegalStateException("the presigned URL expired at " + Instant.ofEpochMilli(expiresMillis));
            }
        }
    }
}
