package io.skysync.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.skysync.service.BlobAudit;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import io.skysync.testing.BlobAuditContract;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** {@link BlobAuditContract} on Blob Storage (Azurite), uploads through real create-only SAS URLs. */
class AzureBlobAuditIT extends BlobAuditContract {
    private static BlobContainerClient container;
    private static AzureBlobAudit blobAudit;

    @BeforeAll
    static void start() {
        container = Azurite.newContainer("audit");
        blobAudit = new AzureBlobAudit(container, SasSigner.accountKey(), Clock.systemUTC());
    }

    @Override
    protected BlobAudit audit() {
        return blobAudit;
    }

    @Override
    protected void putRaw(BlobRef ref, byte[] bytes) {
        container.getBlobClient(ref.key()).upload(BinaryData.fromBytes(bytes), true);
    }

    @Override
    protected Optional<byte[]> read(BlobRef ref) {
        try {
            return Optional.of(container.getBlobClient(ref.key()).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    protected void upload(UploadTicket ticket, byte[] body) {
        int status = SasHttp.put(ticket, body);
        if (status / 100 != 2) {
            throw new IllegalStateException("the upload answered " + status);
        }
    }
}
