package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.data.tables.TableClient;
import com.azure.storage.blob.BlobContainerClient;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobSweeper;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.testing.DevicesAndCleanupContract;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link DevicesAndCleanupContract} on the Azure flavour, over Azurite; the clean-up runs through
 * {@link SkysyncCleanupFunction}, whose answer is the summary line it logs.
 */
class DevicesAndCleanupIT extends DevicesAndCleanupContract {
    private static final Pattern SUMMARY = Pattern.compile(".* (\\d+) blobs marked, (\\d+) blobs deleted");
    private static TableClient table;
    private static BlobContainerClient container;
    private static AzureComposition azure;

    @BeforeAll
    static void start() {
        table = Azurite.newTable("devices");
        container = Azurite.newContainer("devices");
        azure = AzureComposition.wire(table, container, SasSigner.accountKey(), ServiceConfig.withBootstrapSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Override
    protected ApiRouter router() {
        return azure.router();
    }

    @Override
    protected void putBlob(VaultId vault, ContentHash hash, byte[] bytes) {
        container.getBlobClient(AzureBlobStore.blobName(vault, hash)).upload(BinaryData.fromBytes(bytes), true);
    }

    @Override
    protected BlobSweeper sweeper() {
        return new AzureBlobSweeper(container);
    }

    @Override
    protected CleanupSummary cleanup(Duration ahead) {
        SkysyncCleanupFunction function = new SkysyncCleanupFunction(new RetentionJob(azure.manifest(),
                new TableRetentionStore(table), sweeper(), Clock.offset(Clock.systemUTC(), ahead), RetentionPolicy.DEFAULT));
        String summary = function.cleanup("timer", null);
        Matcher counts = SUMMARY.matcher(summary);
        assertThat(counts.matches()).as(summary).isTrue();
        return new CleanupSummary(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)));
    }
}
