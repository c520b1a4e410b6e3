package io.skysync.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.DownloadTicket;
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

    private static final int HEAD_THREADS = 8;
    private final BlobContainerClient container;
    private final SasSigner signer;
    private final Clock clock;
    private final ExecutorService heads;

    public AzureBlobStore(BlobContainerClient container, SasSigner signer, Clock clock) {
        this.container = Objects.requireNonNull(container, "container");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Idle threads time out, so a store that is no longer used holds no threads.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HEAD_THREADS, HEAD_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "blob-head");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.heads = pool;
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
     * Asks for all sizes at once on a small pool: a commit of a chunked file checks every chunk
     * (1000 per batch), which must not be 1000 property reads in series.
     */
    @Override
    public Map<ContentHash, Long> sizes(VaultId vault, Collection<ContentHash> hashes) {
        List<ContentHash> distinct = new ArrayList<>(new LinkedHashSet<>(hashes));
        if (distinct.size() <= 1) {
            return BlobStore.super.sizes(vault, distinct);
        }
        List<CompletableFuture<OptionalLong>> futures = distinct.stream()
                .map(hash -> CompletableFuture.supplyAsync(() -> size(vault, hash), heads)).toList();
        Map<ContentHash, Long> found = new HashMap<>();
        try {
            for (int i = 0; i < distinct.size(); i++) {
                OptionalLong size = futures.get(i).join();
                if (size.isPresent()) {
                    found.put(distinct.get(i), size.getAsLong());
                }
            }
        } catch (CompletionException e) {
            futures.forEach(f -> f.cancel(false));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return found;
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
