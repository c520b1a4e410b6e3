package io.skysync.infra.hostile;

import com.azure.data.tables.TableClient;
import com.azure.storage.blob.BlobContainerClient;
import io.skysync.azure.RowKeys;
import io.skysync.infra.aws.LocalAwsBackend;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything a backend has stored, read straight from the emulators (not through the API under
 * test): every table row with every attribute, device rows and their last-seen times included,
 * and every blob with its size and ETag. Two snapshots are equal only if nothing was written.
 *
 * <p>Rows are keyed the same way on both flavours, {@code <vault>/<row key>} with the row key as
 * the service writes it before any encoding (DynamoDB's {@code pk = vault#<vault>} and {@code sk};
 * Azure's PartitionKey and the decoded RowKey), so a case can name the rows it may write
 * ({@link HostileCase#allowedWrites()}) once for both.
 *
 * @param rows  row key → the row's full content (on Azure with its ETag and timestamp)
 * @param blobs every blob as {@code name size etag}, sorted
 */
record StoreSnapshot(SortedMap<String, String> rows, List<String> blobs) {
    private static final String AWS_PARTITION_PREFIX = "vault#";

    StoreSnapshot {
        rows = Collections.unmodifiableSortedMap(new TreeMap<>(rows));
        blobs = List.copyOf(blobs);
    }

    static String key(String vault, String rowKey) {
        return vault + "/" + rowKey;
    }

    /** The keys of the rows added, removed or changed between this snapshot and {@code later}. */
    Set<String> changedRows(StoreSnapshot later) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, String> row : rows.entrySet()) {
            if (!row.getValue().equals(later.rows.get(row.getKey()))) {
                changed.add(row.getKey());
            }
        }
        for (String key : later.rows.keySet()) {
            if (!rows.containsKey(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    /** Reads the DynamoDB table and the S3 bucket of an AWS backend. */
    static Supplier<StoreSnapshot> of(LocalAwsBackend backend) {
        return () -> {
            SortedMap<String, String> rows = new TreeMap<>();
            backend.dynamoDb().client()
                    .scanPaginator(b -> b.tableName(LocalAwsBackend.TABLE).consistentRead(true)).items()
                    .forEach(item -> {
                        String partition = item.get("pk").s();
                        String vault = partition.startsWith(AWS_PARTITION_PREFIX)
                                ? partition.substring(AWS_PARTITION_PREFIX.length()) : partition;
                        put(rows, key(vault, item.get("sk").s()), new TreeMap<>(item).toString());
                    });
            List<String> blobs = backend.s3().client().listObjectsV2Paginator(b -> b.bucket(LocalAwsBackend.BUCKET))
                    .contents().stream()
                    .map(o -> o.key() + " " + o.size() + " " + o.eTag())
                    .sorted()
                    .toList();
            return new StoreSnapshot(rows, blobs);
        };
    }

    /** Reads the Azure table (entities with their ETags and timestamps) and the blob container. */
    static Supplier<StoreSnapshot> of(TableClient table, BlobContainerClient container) {
        return () -> {
            SortedMap<String, String> rows = new TreeMap<>();
            table.listEntities().forEach(e -> put(rows, key(e.getPartitionKey(), decoded(e.getRowKey())),
                    e.getETag() + "|" + new TreeMap<>(e.getProperties())));
            List<String> blobs = container.listBlobs().stream()
                    .map(b -> b.getName() + " " + b.getProperties().getContentLength() + " " + b.getProperties().getETag())
                    .sorted()
                    .toList();
            return new StoreSnapshot(rows, blobs);
        };
    }

    private static void put(SortedMap<String, String> rows, String key, String row) {
        if (rows.put(key, row) != null) {
            throw new IllegalStateException("two rows have the snapshot key " + key);
        }
    }

    /** The RowKey as the service meant it; a key {@link RowKeys} did not encode is kept as it is. */
    private static String decoded(String rowKey) {
        try {
            return RowKeys.decode(rowKey);
        } catch (IllegalArgumentException notEncoded) {
            return rowKey;
        }
    }
}
