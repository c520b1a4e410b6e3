package io.skysync.azure;

import com.azure.core.http.RequestConditions;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobCopyFromUrlOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlobInputStream;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobAudit;
import io.skysync.service.BlobDigest;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link BlobAudit} on Blob Storage: a digest is one streamed read pinned to the ETag its
 * properties had (the SDK's {@code BlobInputStream}); a delete and a copy carry that ETag as
 * {@code If-Match} (a copy's as {@code x-ms-source-if-match}); a copy is Copy Blob From URL (one
 * synchronous server-side copy, up to 256 MiB, the verification cap) from a read SAS of the staged
 * repair. A staged repair's upload SAS is create-only, like every upload SAS here.
 */
public final class AzureBlobAudit implements BlobAudit {
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final Duration COPY_SOURCE_TTL = Duration.ofMinutes(5);
    private static final Pattern DEVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final BlobContainerClient container;
    private final SasSigner signer;
    private final Clock clock;

    public AzureBlobAudit(BlobContainerClient container, SasSigner signer, Clock clock) {
        this.container = Objects.requireNonNull(container, "container");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<BlobDigest> digest(BlobRef ref, long maxBytes) {
        BlobClient blob = container.getBlobClient(ref.key());
        try {
            if (maxBytes == 0) {
                BlobProperties properties = blob.getProperties();
                return Optional.of(new BlobDigest(properties.getBlobSize(), properties.getETag(), Optional.empty()));
            }
            try (BlobInputStream in = blob.openInputStream()) {
                BlobProperties properties = in.getProperties();
                if (properties.getBlobSize() > maxBytes) {
                    return Optional.of(new BlobDigest(properties.getBlobSize(), properties.getETag(), Optional.empty()));
                }
                MessageDigest sha256 = ContentHash.sha256();
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha256.update(buffer, 0, n);
                }
                return Optional.of(new BlobDigest(properties.getBlobSize(), properties.getETag(),
                        Optional.of(ContentHash.of(sha256.digest()))));
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ref.key() + " failed", e);
        }
    }

    @Override
    public boolean deleteIfUnchanged(BlobRef ref, String etag) {
        try {
            container.getBlobClient(ref.key()).deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE,
                    new BlobRequestConditions().setIfMatch(etag), null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND || e.getStatusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean copyIfUnchanged(BlobRef from, String etag, BlobRef to) {
        BlobClient source = container.getBlobClient(from.key());
        String sas = signer.sign(source, new BlobServiceSasSignatureValues(
                OffsetDateTime.ofInstant(clock.instant().plus(COPY_SOURCE_TTL), ZoneOffset.UTC),
                new BlobSasPermission().setReadPermission(true)));
        try {
            container.getBlobClient(to.key()).copyFromUrlWithResponse(
                    new BlobCopyFromUrlOptions(source.getBlobUrl() + "?" + sas)
                            .setSourceRequestConditions(new RequestConditions().setIfMatch(etag)),
                    null, Context.NONE);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND || e.getStatusCode() == PRECONDITION_FAILED) {
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
        container.getBlobClient(staged.key()).deleteIfExists();
    }

    @Override
    public List<DeviceId> stagedBy(VaultId vault, ContentHash hash) {
        String prefix = BlobRef.stagedPrefix(vault, hash);
        List<DeviceId> out = new ArrayList<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            String name = item.getName().substring(prefix.length());
            if (DEVICE.matcher(name).matches()) {
                out.add(new DeviceId(name));
            }
        }
        return out;
    }

    @Override
    public UploadTicket presignStaged(BlobRef staged, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl);
        BlobClient blob = container.getBlobClient(staged.key());
        String sas = signer.sign(blob, new BlobServiceSasSignatureValues(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC),
                new BlobSasPermission().setCreatePermission(true)));
        return new UploadTicket(URI.create(blob.getBlobUrl() + "?" + sas), "PUT",
                Map.of(AzureBlobStore.BLOB_TYPE_HEADER, "BlockBlob"), expiresAt);
    }
}
