package io.skysync.infra.hostile;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.azure.AzureComposition;
import io.skysync.infra.aws.LocalAwsBackend;
import io.skysync.infra.azure.LocalAzureBackend;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything a backend has stored, read straight from the emulators (not through the API under
 * test): every table row with every attribute, device rows and their last-seen times included,
 * and every blob with its size and ETag. Two snapshots are equal only if nothing was written.
 */
record StoreSnapshot(List<String> rows, List<String> blobs) {

    /** Reads the DynamoDB table and the S3 bucket of an AWS backend. */
    static Supplier<StoreSnapshot> of(LocalAwsBackend backend) {
        return () -> {
            List<String> rows = backend.dynamoDb().client()
                    .scanPaginator(b -> b.tableName(LocalAwsBackend.TABLE).consistentRead(true)).items().stream()
                    .map(item -> new TreeMap<>(item).toString())
                    .sorted()
                    .toList();
            List<String> blobs = backend.s3().client().listObjectsV2Paginator(b -> b.bucket(LocalAwsBackend.BUCKET))
                    .contents().stream()
                    .map(o -> o.key() + " " + o.size() + " " + o.eTag())
                    .sorted()
                    .toList();
            return new StoreSnapshot(rows, blobs);
        };
    }

    /** Reads the Azure table (entities with their ETags and timestamps) and the blob container. */
    static Supplier<StoreSnapshot> of(LocalAzureBackend backend) {
        String connection = backend.azurite().connectionString();
        TableClient table = new TableClientBuilder().connectionString(connection).httpClient(AzureComposition.httpClient())
                .tableName(LocalAzureBackend.TABLE).buildClient();
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(connection)
                .httpClient(AzureComposition.httpClient()).buildClient().getBlobContainerClient(LocalAzureBackend.CONTAINER);
        return () -> {
            List<String> rows = table.listEntities().stream()
                    .map(e -> e.getPartitionKey() + "|" + e.getRowKey() + "|" + e.getETag() + "|"
                            + new TreeMap<>(e.getProperties()))
                    .sorted()
                    .toList();
            List<String> blobs = container.listBlobs().stream()
                    .map(b -> b.getName() + " " + b.getProperties().getContentLength() + " " + b.getProperties().getETag())
                    .sorted()
                    .toList();
            return new StoreSnapshot(rows, blobs);
        };
    }
}
