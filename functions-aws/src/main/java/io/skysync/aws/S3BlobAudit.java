package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobAudit;
import io.skysync.service.BlobDigest;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link BlobAudit} on S3: a digest is one streamed GetObject (its ETag names the bytes read); a
 * delete carries {@code If-Match} and a copy {@code x-amz-copy-source-if-match}, each also after a
 * HEAD that compares the ETag first, for S3-compatible stores that ignore those headers (S3Proxy).
 * A staged repair's presigned PUT signs the SHA-256 in ({@link UploadIntegrity#SIGNED_SHA256}),
 * so S3 refuses any other bytes there too. With the SHA-256 signed into every upload, S3 never holds
 * wrong bytes under a hash; verification still reads and answers the same way as on Azure.
 */
public final class S3BlobAudit implements BlobAudit {
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final Pattern DEVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final UploadIntegrity integrity;

    public S3BlobAudit(S3Client s3, S3Presigner presigner, String bucket, UploadIntegrity integrity) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.integrity = Objects.requireNonNull(integrity, "integrity");
    }

    @Override
    public Optional<BlobDigest> digest(BlobRef ref, long maxBytes) {
        if (maxBytes == 0) {
            return head(ref).map(h -> new BlobDigest(h.contentLength(), h.eTag(), Optional.empty()));
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(ref.key()))) {
            GetObjectResponse response = in.response();
            if (response.contentLength() > maxBytes) {
                in.abort();
                return Optional.of(new BlobDigest(response.contentLength(), response.eTag(), Optional.empty()));
            }
            MessageDigest sha256 = ContentHash.sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
            return Optional.of(new BlobDigest(response.contentLength(), response.eTag(),
                    Optional.of(ContentHash.of(sha256.digest()))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ref.key() + " failed", e);
        }
    }

    @Override
    public boolean deleteIfUnchanged(BlobRef ref, String etag) {
        if (!sameETag(ref, etag)) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(ref.key()).ifMatch(etag));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean copyIfUnchanged(BlobRef from, String etag, BlobRef to) {
        if (!sameETag(from, etag)) {
            return false;
        }
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from.key()).destinationBucket(bucket)
                    .destinationKey(to.key()).copySourceIfMatch(etag));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void deleteStaged(BlobRef staged) {
        if (staged.stagedBy().isEmpty()) {
            throw new IllegalArgumentException("not a staged repair: " + staged.key());
        }
        s3.deleteObject(b -> b.bucket(bucket).key(staged.key()));
    }

    @Override
    public List<DeviceId> stagedBy(VaultId vault, ContentHash hash) {
        String prefix = BlobRef.stagedPrefix(vault, hash);
        List<DeviceId> out = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            String name = object.key().substring(prefix.length());
            if (DEVICE.matcher(name).matches()) {
                out.add(new DeviceId(name));
            }
        }
        return out;
    }

    /** Unlike a blob's ticket, no length is signed: the server does not know it, the SHA-256 pins the bytes. */
    @Override
    public UploadTicket presignStaged(BlobRef staged, Duration ttl) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(staged.key());
        if (integrity == UploadIntegrity.SIGNED_SHA256) {
            put.checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(staged.hash().base64());
        }
        var presigned = presigner.presignPutObject(b -> b.signatureDuration(ttl).putObjectRequest(put.build()));
        Map<String, String> headers = new HashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).equals("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        try {
            return new UploadTicket(presigned.url().toURI(), "PUT", headers, presigned.expiration());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    private boolean sameETag(BlobRef ref, String etag) {
        return head(ref).map(h -> etag.equals(h.eTag())).orElse(false);
    }

    private Optional<HeadObjectResponse> head(BlobRef ref) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(ref.key())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
