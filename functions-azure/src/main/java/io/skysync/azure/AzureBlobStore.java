package io.skysync.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.DownloadTicket;
import io.skysync.service.PrefixLookup;
import io.skysync.service.UploadTicket;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Blobs in one private container, named {@code vaults/<vault>/blobs/<sha256>}. An upload URL is a
 * SAS for that one blob with only the create permission ({@code sp=c}): Put Blob of a new blob
 * works, overwriting an existing one is refused (403), and the blocks API is out of reach (Put
 * Block needs {@code w}). A SAS cannot pin the length or the SHA-256, so the server checks the size
 * before a commit and every reader verifies the SHA-256 (docs/azure.md, "Integrity").
 */
public final class AzureBlobStore implements BlobStore {
    /** Azure's Put Blob takes one body up to this size (API version 2019-12-12 and later). */
    public static final long MAX_SINGLE_PUT_BYTES = 5000L * 1024 * 1024;
    static final String BLOB_TYPE_HEADER = "x-ms-blob-type";
    private static final int NOT_FOUND = 404;

    /** List Blobs' largest page. */
    static final int LIST_PAGE = 5000;
    /** Get Blob Properties for a commit's blobs run on a few threads: each is one short round trip. */
    private static final int LOOKUP_THREADS = 8;

    private final BlobContainerClient container;
    private final SasSigner signer;
    private final Clock clock;
    private final int listPage;
    private final ExecutorService lookups;

    public AzureBlobStore(BlobContainerClient container, SasSigner signer, Clock clock) {
        this(container, signer, clock, LIST_PAGE);
    }

    /** @param listPage blobs per listing page (tests use small pages to list several) */
    AzureBlobStore(BlobContainerClient container, SasSigner signer, Clock clock, int listPage) {
        this.container = Objects.requireNonNull(container, "container");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listPage = listPage;
        // Idle threads time out, so a store that is no longer used holds no threads.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "azure-blob-properties");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.lookups = pool;
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        if (size > MAX_SINGLE_PUT_BYTES) {
            throw new IllegalArgumentException("a blob of " + size + " bytes exceeds one Put Blob ("
                    + MAX_SINGLE_PUT_BYTES + " bytes)");
        }
        Instant expiresAt = clock.instant().plus(ttl);
        BlobClient blob = blob(vault, hash);
        String sas = signer.sign(blob, values(expiresAt, new BlobSasPermission().setCreatePermission(true)));
        // The client may add Content-MD5 (base64 of the body's MD5): Azure then refuses a body that
        // changed on the way (400 Md5Mismatch). It is the uploader's own check, not part of the SAS.
        return new UploadTicket(url(blob, sas), "PUT", Map.of(BLOB_TYPE_HEADER, "BlockBlob"), expiresAt);
    }

    @Override
    public long maxUploadBytes() {
        return MAX_SINGLE_PUT_BYTES;
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        BlobClient blob = blob(vault, hash);
        String sas = signer.sign(blob, values(expiresAt, new BlobSasPermission().setReadPermission(true)));
        return new DownloadTicket(url(blob, sas), expiresAt);
    }

    @Override
    public OptionalLong size(VaultId vault, ContentHash hash) {
        try {
            return OptionalLong.of(blob(vault, hash).getProperties().getBlobSize());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(VaultId vault, ContentHash hash) {
        return open(blob(vault, hash));
    }

    /** The blob's bytes, streaming; empty if it does not exist. */
    static Optional<InputStream> open(BlobClient blob) {
        try {
            return Optional.of(blob.openInputStream());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Many sizes with few requests ({@link PrefixLookup}): a few blobs are Get Blob Properties, asked
     * at once on a small pool; for many, List Blobs pages of the vault's names (5000 a page), by hash
     * prefix, where a page costs less than the lookups it saves.
     */
    @Override
    public Map<ContentHash, Long> sizes(VaultId vault, Collection<ContentHash> hashes) {
        return new PrefixLookup<>(new Listing(vault), listPage, PrefixLookup.STORAGE_PAGE_COST).find(hashes);
    }

    /** The vault's blob names, as {@link PrefixLookup} asks for them. */
    private final class Listing implements PrefixLookup.Source<Long> {
        private final VaultId vault;
        private final String prefix;

        Listing(VaultId vault) {
            this.vault = vault;
            this.prefix = "vaults/" + vault.value() + "/blobs/";
        }

        @Override
        public Map<ContentHash, Long> lookup(Collection<ContentHash> hashes) {
            Map<ContentHash, CompletableFuture<OptionalLong>> pending = new LinkedHashMap<>();
            new LinkedHashSet<>(hashes).forEach(h -> pending.put(h, CompletableFuture.supplyAsync(() -> size(vault, h), lookups)));
            Map<ContentHash, Long> found = new HashMap<>();
            try {
                pending.forEach((hash, size) -> size.join().ifPresent(bytes -> found.put(hash, bytes)));
            } catch (CompletionException e) {
                pending.values().forEach(f -> f.cancel(false));
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
            return found;
        }

        @Override
        public PrefixLookup.Page<Long> page(String hexPrefix, String continuation) {
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix + hexPrefix).setMaxResultsPerPage(listPage);
            PagedResponse<BlobItem> page = container.listBlobs(options, continuation, null).iterableByPage().iterator().next();
            Map<ContentHash, Long> found = new HashMap<>();
            for (BlobItem item : page.getValue()) {
                ContentHash.parse(item.getName().substring(prefix.length()))
                        .ifPresent(h -> found.put(h, item.getProperties().getContentLength()));
            }
            return new PrefixLookup.Page<>(found, page.getContinuationToken());
        }
    }

    static String blobName(VaultId vault, ContentHash hash) {
        return "vaults/" + vault.value() + "/blobs/" + hash.hex();
    }

    private BlobClient blob(VaultId vault, ContentHash hash) {
        return container.getBlobClient(blobName(vault, hash));
    }

    private static BlobServiceSasSignatureValues values(Instant expiresAt, BlobSasPermission permission) {
        return new BlobServiceSasSignatureValues(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC), permission);
    }

    private static URI url(BlobClient blob, String sas) {
        return URI.create(blob.getBlobUrl() + "?" + sas);
    }
}
