package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.DownloadTicket;
import io.skysync.service.PrefixLookup;
import io.skysync.service.UploadTicket;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Blobs in one S3 bucket under {@code vaults/<vault>/blobs/<sha256 hex>}. Bytes never pass through
 * the function: it presigns. Uploads are checked by S3 against the signed length and (with
 * {@link UploadIntegrity#SIGNED_SHA256}) the signed SHA-256; see docs/aws.md.
 */
public final class S3BlobStore implements BlobStore {
    /** S3's limit for one PUT: 5 GiB. */
    public static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;
    /** HEADs for a commit's blobs run on a few threads: each is one short round trip. */
    private static final int HEAD_THREADS = 8;
    /** ListObjectsV2's largest page. */
    private static final int LIST_PAGE = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final UploadIntegrity integrity;
    private final ExecutorService heads;
    private final int listPage;
    private final Optional<BatchPutSigner> batches;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket) {
        this(s3, presigner, bucket, UploadIntegrity.SIGNED_SHA256);
    }

    /** Presigns every PUT through the presigner; with its credentials ({@link #S3BlobStore(S3Client, S3Presigner, IdentityProvider, String, UploadIntegrity)}) a batch costs one. */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, UploadIntegrity integrity) {
        this(s3, presigner, bucket, integrity, LIST_PAGE, Optional.empty());
    }

    /**
     * @param credentials the provider {@code presigner} signs with: {@link #presignPuts} presigns a
     *                    batch's first PUT through the presigner and signs the others with these
     *                    ({@link BatchPutSigner})
     */
    public S3BlobStore(S3Client s3, S3Presigner presigner, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
                       String bucket, UploadIntegrity integrity) {
        this(s3, presigner, bucket, integrity, LIST_PAGE, Optional.of(new BatchPutSigner(credentials)));
    }

    /** @param listPage keys per listing page (tests use small pages to list several) */
    S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, UploadIntegrity integrity, int listPage) {
        this(s3, presigner, bucket, integrity, listPage, Optional.empty());
    }

    private S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, UploadIntegrity integrity, int listPage,
                        Optional<BatchPutSigner> batches) {
        this.batches = batches;
        this.listPage = listPage;
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.integrity = Objects.requireNonNull(integrity, "integrity");
        // Idle threads time out, so a store that is no longer used holds no threads.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HEAD_THREADS, HEAD_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "s3-head");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.heads = pool;
    }

    static String key(VaultId vault, ContentHash hash) {
        return "vaults/" + vault.value() + "/blobs/" + hash.hex();
    }

    /**
     * The ticket lists the headers the uploader must send with exactly these values. It leaves out
     * {@code Host} and {@code Content-Length}, which every HTTP client sets itself (and some refuse to
     * be told): the length is still signed, so the body must have exactly {@code size} bytes.
     */
    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        PresignedPutObjectRequest presigned = presign(vault, hash, size, ttl);
        return ticket(presigned.httpRequest().getUri(), presigned.signedHeaders(), presigned.expiration());
    }

    /**
     * The same tickets as {@link #presignPut} one by one, at one trip through the presigner for
     * the whole batch when this store has the presigner's credentials ({@link BatchPutSigner}).
     */
    @Override
    public Map<ContentHash, UploadTicket> presignPuts(VaultId vault, Map<ContentHash, Long> sizes, Duration ttl) {
        Map<ContentHash, UploadTicket> tickets = new LinkedHashMap<>();
        Optional<BatchPutSigner.Batch> batch = Optional.empty();
        for (Map.Entry<ContentHash, Long> blob : sizes.entrySet()) {
            ContentHash hash = blob.getKey();
            if (batch.isPresent()) {
                SdkHttpRequest signed = batch.get().sign(hash, blob.getValue());
                tickets.put(hash, ticket(signed.getUri(), signed.headers(), batch.get().expiration()));
            } else {
                PresignedPutObjectRequest presigned = presign(vault, hash, blob.getValue(), ttl);
                tickets.put(hash, ticket(presigned.httpRequest().getUri(), presigned.signedHeaders(), presigned.expiration()));
                batch = batches.flatMap(signer -> signer.batch(presigned, hash, ttl));
            }
        }
        return tickets;
    }

    private PresignedPutObjectRequest presign(VaultId vault, ContentHash hash, long size, Duration ttl) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key(vault, hash)).contentLength(size);
        if (integrity == UploadIntegrity.SIGNED_SHA256) {
            put.checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(hash.base64());
        }
        return presigner.presignPutObject(b -> b.signatureDuration(ttl).putObjectRequest(put.build()));
    }

    private static UploadTicket ticket(URI url, Map<String, List<String>> signedHeaders, Instant expiration) {
        Map<String, String> headers = new HashMap<>();
        signedHeaders.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new UploadTicket(url, "PUT", headers, expiration);
    }

    @Override
    public long maxUploadBytes() {
        return MAX_SINGLE_PUT_BYTES;
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        var presigned = presigner.presignGetObject(b -> b.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(key(vault, hash))));
        return new DownloadTicket(toUri(presigned.url()), presigned.expiration());
    }

    @Override
    public Optional<InputStream> open(VaultId vault, ContentHash hash) {
        return open(s3, bucket, key(vault, hash));
    }

    /** GetObject, streaming; empty for a missing key. */
    static Optional<InputStream> open(S3Client s3, String bucket, String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * HeadObject. A missing key answers 404 only if the caller may list the bucket; without
     * {@code s3:ListBucket} S3 answers 403, so template.yaml grants it on the bucket (with no
     * {@code s3:prefix} condition: a HEAD request carries no prefix, so one would never match).
     */
    @Override
    public OptionalLong size(VaultId vault, ContentHash hash) {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key(vault, hash))).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /**
     * Many sizes with few requests ({@link PrefixLookup}): a few blobs are HEADs, asked at once on a
     * small pool; for many, {@code ListObjectsV2} pages of the vault's keys (1000 a page), by hash
     * prefix, where a page costs less than the HEADs it saves.
     */
    @Override
    public Map<ContentHash, Long> sizes(VaultId vault, Collection<ContentHash> hashes) {
        return new PrefixLookup<>(new Listing(vault), listPage, PrefixLookup.STORAGE_PAGE_COST).find(hashes);
    }

    /** The vault's blob keys, as {@link PrefixLookup} asks for them. */
    private final class Listing implements PrefixLookup.Source<Long> {
        private final VaultId vault;
        private final String prefix;

        Listing(VaultId vault) {
            this.vault = vault;
            this.prefix = "vaults/" + vault.value() + "/blobs/";
        }

        @Override
        public Map<ContentHash, Long> lookup(Collection<ContentHash> hashes) {
            return heads(vault, hashes);
        }

        @Override
        public PrefixLookup.Page<Long> page(String hexPrefix, String continuation) {
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix + hexPrefix)
                    .maxKeys(listPage).continuationToken(continuation));
            Map<ContentHash, Long> found = new HashMap<>();
            for (S3Object object : page.contents()) {
                ContentHash.parse(object.key().substring(prefix.length())).ifPresent(h -> found.put(h, object.size()));
            }
            return new PrefixLookup.Page<>(found, Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
        }
    }

    /** HEADs for all at once on a small pool. */
    private Map<ContentHash, Long> heads(VaultId vault, Collection<ContentHash> hashes) {
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

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }
}
