package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.service.StoredBlob;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists and deletes a vault's blobs ({@code vaults/<vault>/blobs/<sha256>}, see {@link S3BlobStore})
 * for the scheduled clean-up. Listing is ListObjectsV2, page by page as the caller reads, and
 * strongly consistent (S3 is, since 2020), so a blob uploaded before the listing is in it.
 */
public final class S3BlobSweeper implements BlobSweeper {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private final S3Client s3;
    private final String bucket;

    public S3BlobSweeper(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public Stream<StoredBlob> blobs(VaultId vault) {
        String prefix = "vaults/" + vault.value() + "/blobs/";
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> HEX64.matcher(o.key().substring(prefix.length())).matches())
                .map(o -> blob(prefix, o));
    }

    @Override
    public Optional<InputStream> open(VaultId vault, ContentHash hash) {
        return S3BlobStore.open(s3, bucket, S3BlobStore.key(vault, hash));
    }

    @Override
    public void delete(VaultId vault, ContentHash hash) {
        // DeleteObject on an absent key succeeds (204), as the port asks.
        s3.deleteObject(b -> b.bucket(bucket).key(S3BlobStore.key(vault, hash)));
    }

    private static StoredBlob blob(String prefix, S3Object object) {
        return new StoredBlob(new ContentHash(object.key().substring(prefix.length())), object.size(), object.lastModified());
    }
}
