package io.skysync.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.testing.BlobSweeperContract;
import org.junit.jupiter.api.BeforeAll;

/** The shared blob-sweeper contract against Blob Storage (Azurite). */
class AzureBlobSweeperIT extends BlobSweeperContract {
    private static BlobContainerClient container;
    private static AzureBlobSweeper sweeper;

    @BeforeAll
    static void startStore() {
        container = Azurite.newContainer("sweeper");
        sweeper = new AzureBlobSweeper(container);
    }

    @Override
    protected BlobSweeper sweeper() {
        return sweeper;
    }

    @Override
    protected void upload(VaultId vault, byte[] content) {
        container.getBlobClient(AzureBlobStore.blobName(vault, ContentHash.ofBytes(content)))
                .upload(BinaryData.fromBytes(content), true);
    }
}
