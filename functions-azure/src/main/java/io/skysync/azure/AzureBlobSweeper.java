package io.skysync.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.service.StoredBlob;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists and deletes a vault's blobs ({@code vaults/<vault>/blobs/<sha256>}, see
 * {@link AzureBlobStore}) for the scheduled clean-up; the listing is paged as the caller reads.
 */
public final class AzureBlobSweeper implements BlobSweeper {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private final BlobContainerClient container;

    public AzureBlobSweeper(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    @Override
    public Stream<StoredBlob> blobs(VaultId vault) {
        String prefix = "vaults/" + vault.value() + "/blobs/";
        return container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
                .filter(b -> HEX64.matcher(b.getName().substring(prefix.length())).matches())
                .map(b -> blob(prefix, b));
    }

    @Override
    public Optional<InputStream> open(VaultId vault, ContentHash hash) {
        return AzureBlobStore.open(container.getBlobClient(AzureBlobStore.blobName(vault, hash)));
    }

    @Override
    public void delete(VaultId vault, ContentHash hash) {
        container.getBlobClient(AzureBlobStore.blobName(vault, hash)).deleteIfExists();
    }

    private static StoredBlob blob(String prefix, BlobItem item) {
        return new StoredBlob(new ContentHash(item.getName().substring(prefix.length())),
                item.getProperties().getContentLength(), item.getProperties().getLastModified().toInstant());
    }
}
