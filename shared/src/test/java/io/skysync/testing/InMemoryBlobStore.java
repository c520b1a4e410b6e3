package io.skysync.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobAudit;
import io.skysync.service.BlobDigest;
import io.skysync.service.BlobRef;
import io.skysync.service.BlobStore;
import io.skysync.service.BlobSweeper;
import io.skysync.service.DownloadTicket;
import io.skysync.service.PrefixLookup;
import io.skysync.service.StoredBlob;
import io.skysync.service.UploadTicket;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in memory, the one presigned-URL blob store of every test (the API's unit
 * tests, the client's loopback backend, the simulation). Its URLs are
 * {@code <base>/vaults/<vault>/blobs/<hash>?size=&expires=} (staged repairs under
 * {@code repairs/<hash>/<device>}; {@code memory://blobs} unless a base is given, e.g. a loopback
 * server's), and {@link #upload}, {@link #download} and {@link #serve} honour them the way a real
 * store would: expiry (on the injected clock), and either S3's exact length and SHA-256
 * ({@link Uploads#PINNED}, the default, with S3's XML errors) or Azure's create-only SAS that checks
 * neither ({@link Uploads#CREATE_ONLY}, where a member can plant wrong bytes). Tests may also
 * {@link #put} blobs directly. Every object has an ETag that changes with each write. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore, BlobSweeper, BlobAudit {
    /** How an upload URL holds its uploader to the blob it was issued for. */
    public enum Uploads {
        /** As S3 with a signed SHA-256: exactly the length and the content, overwrites allowed. */
        PINNED,
        /** As an Azure create-only SAS: any bytes, but never over an existing object. */
        CREATE_ONLY
    }

    /** Vault ids may hold '_', which a URI host may not, so the vault goes in the path. */
    private static final String MEMORY = "memory://blobs";
    /** The base of every URL, with a trailing slash: an object's URL is this plus its key. */
    private final String prefix;
    private final Clock clock;
    private final long maxUploadBytes;
    private final Uploads uploads;
    /** A listing page, as S3's ListObjectsV2. */
    private static final int PAGE = 1000;
    private final TreeMap<String, Stored> objects = new TreeMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
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
        this(clock, maxUploadBytes, Uploads.PINNED);
    }

    public InMemoryBlobStore(Clock clock, long maxUploadBytes, Uploads uploads) {
        this(clock, MEMORY, maxUploadBytes, uploads);
    }

    /** @param base where the URLs point, e.g. {@code http://127.0.0.1:PORT} of a server that calls {@link #serve} */
    public InMemoryBlobStore(Clock clock, String base) {
        this(clock, base, DEFAULT_MAX_UPLOAD_BYTES, Uploads.PINNED);
    }

    public InMemoryBlobStore(Clock clock, String base, long maxUploadBytes, Uploads uploads) {
        this.prefix = Objects.requireNonNull(base, "base") + "/";
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxUploadBytes = maxUploadBytes;
        this.uploads = Objects.requireNonNull(uploads, "uploads");
    }

    /** A store whose upload URLs check neither length nor content, as Azure's create-only SAS. */
    public static InMemoryBlobStore createOnly(Clock clock) {
        return new InMemoryBlobStore(clock, DEFAULT_MAX_UPLOAD_BYTES, Uploads.CREATE_ONLY);
    }

    @Override
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        presignedPuts.incrementAndGet();
        return ticket(BlobRef.blob(vault, hash), size, ttl);
    }

    @Override
    public UploadTicket presignStaged(BlobRef staged, Duration ttl) {
        presignedPuts.incrementAndGet();
        return ticket(staged, -1, ttl);
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        presignedGets.incrementAndGet();
        Instant expires = clock.instant().plus(ttl);
        return new DownloadTicket(URI.create(prefix + BlobRef.blob(vault, hash).key() + "?expires=" + expires.toEpochMilli()),
                expires);
    }

    @Override
    public synchronized OptionalLong size(VaultId vault, ContentHash hash) {
        Stored stored = objects.get(BlobRef.blob(vault, hash).key());
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored.bytes().length);
    }

    /**
     * Sizes of many blobs the way the cloud stores find them ({@link PrefixLookup}): a few looked
     * up one by one, many by listing pages of {@value #PAGE} keys in key order; both are counted
     * ({@link #sizeLookups()}, {@link #listPages()}).
     */
    @Override
    public Map<ContentHash, Long> sizes(VaultId vault, Collection<ContentHash> hashes) {
        return new PrefixLookup<>(new Listing(vault), PAGE, PrefixLookup.STORAGE_PAGE_COST).find(hashes);
    }

    /** Blobs looked up one by one by {@link #sizes} (HEAD requests on S3). */
    public long sizeLookups() {
        return lookups.get();
    }

    /** Pages listed by {@link #sizes} (LIST requests on S3). */
    public long listPages() {
        return pages.get();
    }

    /** The store's keys as {@link PrefixLookup} lists them. */
    private final class Listing implements PrefixLookup.Source<Long> {
        private final String prefix;
        private final VaultId vault;

        Listing(VaultId vault) {
            this.vault = vault;
            this.prefix = "vaults/" + vault.value() + "/blobs/";
        }

        @Override
        public Map<ContentHash, Long> lookup(Collection<ContentHash> hashes) {
            lookups.addAndGet(hashes.size());
            Map<ContentHash, Long> out = new HashMap<>();
            hashes.forEach(h -> size(vault, h).ifPresent(size -> out.put(h, size)));
            return out;
        }

        @Override
        public PrefixLookup.Page<Long> page(String hexPrefix, String continuation) {
            pages.incrementAndGet();
            synchronized (InMemoryBlobStore.this) {
                String from = continuation == null ? prefix + hexPrefix : continuation;
                Map<ContentHash, Long> found = new HashMap<>();
                String last = null;
                for (Map.Entry<String, Stored> e : objects.tailMap(from, continuation == null).entrySet()) {
                    if (!e.getKey().startsWith(prefix + hexPrefix)) {
                        return new PrefixLookup.Page<>(found, null);
                    }
                    if (found.size() == PAGE) {
                        return new PrefixLookup.Page<>(found, last);
                    }
                    ContentHash.parse(e.getKey().substring(prefix.length()))
                            .ifPresent(h -> found.put(h, (long) e.getValue().bytes().length));
                    last = e.getKey();
                }
                return new PrefixLookup.Page<>(found, null);
            }
        }
    }

    /** Stores a blob as if a client had uploaded it, and returns its hash. */
    public ContentHash put(VaultId vault, byte[] content) {
        ContentHash hash = ContentHash.ofBytes(content);
        store(BlobRef.blob(vault, hash).key(), content);
        return hash;
    }

    /** Stores bytes under a hash they do not match: a corrupt or truncated blob, for negative tests. */
    public void putCorrupt(VaultId vault, ContentHash hash, byte[] content) {
        store(BlobRef.blob(vault, hash).key(), content);
    }

    /** Stores bytes under any object name, over whatever is there: what the store's owner can do. */
    public void putRaw(BlobRef ref, byte[] content) {
        store(ref.key(), content);
    }

    @Override
    public Optional<InputStream> open(VaultId vault, ContentHash hash) {
        return get(vault, hash).map(ByteArrayInputStream::new);
    }

    /** The stored bytes of a blob. */
    public Optional<byte[]> get(VaultId vault, ContentHash hash) {
        return get(BlobRef.blob(vault, hash));
    }

    /** The stored bytes of any object, a staged repair included. */
    public synchronized Optional<byte[]> get(BlobRef ref) {
        return Optional.ofNullable(objects.get(ref.key())).map(s -> s.bytes().clone());
    }

    /**
     * Uploads through a ticket from {@link #presignPut} or {@link #presignStaged}, refusing what the
     * real store refuses: an expired URL; with {@link Uploads#PINNED} a body of another length or
     * another SHA-256; with {@link Uploads#CREATE_ONLY} an object that exists already.
     */
    public void upload(UploadTicket ticket, byte[] body) {
        MemoryUrl url = MemoryUrl.parse(ticket.url(), prefix);
        url.requireNotExpired(clock.instant());
        if (uploads == Uploads.PINNED) {
            if (url.size() >= 0 && url.size() != body.length) {
                throw new IllegalArgumentException("the URL accepts " + url.size() + " bytes, got " + body.length);
            }
            if (!ContentHash.ofBytes(body).equals(url.ref().hash())) {
                throw new IllegalArgumentException("the body does not match the hash signed into the URL");
            }
            store(url.ref().key(), body);
            return;
        }
        synchronized (this) {
            if (objects.containsKey(url.ref().key())) {
                throw new IllegalStateException("403: the blob exists and a create-only URL cannot overwrite it");
            }
            store(url.ref().key(), body);
        }
    }

    /** Downloads through a URL from {@link #presignGet}; empty if the blob is absent. */
    public Optional<byte[]> download(URI presigned) {
        MemoryUrl url = MemoryUrl.parse(presigned, prefix);
        url.requireNotExpired(clock.instant());
        return get(url.ref());
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
        URI url = URI.create(prefix.substring(0, prefix.length() - 1) + pathAndQuery);
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

    /** How many blobs the store holds, across vaults (staged repairs not counted). */
    public synchronized int count() {
        return (int) objects.keySet().stream().filter(k -> k.contains("/blobs/")).count();
    }

    /** Every blob of the vault with its size and the clock's time when it was last written. */
    @Override
    public synchronized Stream<StoredBlob> blobs(VaultId vault) {
        String prefix = "vaults/" + vault.value() + "/blobs/";
        List<StoredBlob> out = new ArrayList<>();
        objects.forEach((key, stored) -> {
            if (key.startsWith(prefix)) {
                out.add(new StoredBlob(new ContentHash(key.substring(prefix.length())), stored.bytes().length,
                        stored.modified()));
            }
        });
        return out.stream();
    }

    @Override
    public synchronized void delete(VaultId vault, ContentHash hash) {
        objects.remove(BlobRef.blob(vault, hash).key());
    }

    // ----- BlobAudit -----

    @Override
    public synchronized Optional<BlobDigest> digest(BlobRef ref, long maxBytes) {
        Stored stored = objects.get(ref.key());
        if (stored == null) {
            return Optional.empty();
        }
        Optional<ContentHash> sha256 = stored.bytes().length > maxBytes
                ? Optional.empty() : Optional.of(ContentHash.ofBytes(stored.bytes()));
        return Optional.of(new BlobDigest(stored.bytes().length, stored.etag(), sha256));
    }

    @Override
    public synchronized boolean deleteIfUnchanged(BlobRef ref, String etag) {
        Stored stored = objects.get(ref.key());
        return stored != null && stored.etag().equals(etag) && objects.remove(ref.key(), stored);
    }

    @Override
    public synchronized boolean copyIfUnchanged(BlobRef from, String etag, BlobRef to) {
        Stored source = objects.get(from.key());
        if (source == null || !source.etag().equals(etag)) {
            return false;
        }
        store(to.key(), source.bytes());
        return true;
    }

    @Override
    public synchronized void deleteStaged(BlobRef staged) {
        if (staged.stagedBy().isEmpty()) {
            throw new IllegalArgumentException("not a staged repair: " + staged.key());
        }
        objects.remove(staged.key());
    }

    @Override
    public synchronized List<DeviceId> stagedBy(VaultId vault, ContentHash hash) {
        String prefix = BlobRef.stagedPrefix(vault, hash);
        return objects.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> new DeviceId(k.substring(prefix.length()))).toList();
    }

    private UploadTicket ticket(BlobRef ref, long size, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        URI url = URI.create(prefix + ref.key() + "?size=" + size + "&expires=" + expires.toEpochMilli());
        return new UploadTicket(url, "PUT", size < 0 ? Map.of() : Map.of("Content-Length", Long.toString(size)), expires);
    }

    private synchronized void store(String key, byte[] content) {
        objects.put(key, new Stored(content.clone(), clock.instant(), "\"" + writes.incrementAndGet() + "\""));
    }

    private record Stored(byte[] bytes, Instant modified, String etag) {
    }

    private record MemoryUrl(BlobRef ref, long size, long expiresMillis) {
        static MemoryUrl parse(URI url, String prefix) {
            String text = url.toString();
            int query = text.indexOf('?');
            // After the prefix, "vaults/<vault>/blobs/<hash>" splits into "vaults", vault, "blobs", hash;
            // "vaults/<vault>/repairs/<hash>/<device>" into "vaults", vault, "repairs", hash, device.
            String[] segments = text.startsWith(prefix) && query > 0
                    ? text.substring(prefix.length(), query).split("/") : new String[0];
            boolean blob = segments.length == 4 && segments[0].equals("vaults") && segments[2].equals("blobs");
            boolean staged = segments.length == 5 && segments[0].equals("vaults") && segments[2].equals("repairs");
            if (!(blob || staged) || !ContentHash.isValid(segments[3])) {
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
            VaultId vault = new VaultId(segments[1]);
            ContentHash hash = new ContentHash(segments[3]);
            return new MemoryUrl(staged ? BlobRef.staged(vault, hash, new DeviceId(segments[4])) : BlobRef.blob(vault, hash),
                    size, expires);
        }

        void requireNotExpired(Instant now) {
            if (now.toEpochMilli() > expiresMillis) {
                throw new IllegalStateException("the presigned URL expired at " + Instant.ofEpochMilli(expiresMillis));
            }
        }
    }
}
