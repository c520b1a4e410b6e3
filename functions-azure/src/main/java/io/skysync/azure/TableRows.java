package io.skysync.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import io.skysync.domain.VaultId;
import java.util.Objects;
import java.util.Optional;

/**
 * The row operations every Table store here shares, with the SDK's status quirks handled once: a
 * point read (404 is empty), a key range of one vault, a create that reports an existing row, and
 * a delete under the ETag of an earlier read.
 */
final class TableRows {
    private final TableClient table;

    TableRows(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The row, or empty if the vault has none under {@code rowKey}. */
    Optional<TableEntity> read(VaultId vault, String rowKey) {
        try {
            return Optional.of(table.getEntity(vault.value(), rowKey));
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Rows of a vault with {@code from <= RowKey < to}, in key order, listed with {@code options}
     * (page size, selected properties) and a filter set here. Keys never hold a quote.
     */
    PagedIterable<TableEntity> range(VaultId vault, String from, String to, ListEntitiesOptions options) {
        options.setFilter("PartitionKey eq '" + vault.value() + "' and RowKey ge '" + from + "' and RowKey lt '" + to + "'");
        return table.listEntities(options, null, null);
    }

    /** Inserts {@code row}; false if a row with its keys exists (409), which is left as it is. */
    boolean createIfAbsent(TableEntity row) {
        try {
            table.createEntity(row);
            return true;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.CONFLICT)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Deletes the row {@code read} came from only if it is unchanged since: the delete sends the
     * read's (repaired) ETag as If-Match. False if the row changed (412) or went (404) meanwhile, so
     * of two racing callers only one gets true. The SDK turns a delete's 404 into a normal response,
     * so success is read from the status too: only a 2xx deleted the row.
     */
    boolean deleteIfUnchanged(TableEntity read) {
        TableEntity keysAndETag = ManifestEntities.withETag(new TableEntity(read.getPartitionKey(), read.getRowKey()),
                read.getETag());
        try {
            return table.deleteEntityWithResponse(keysAndETag, true, null, null).getStatusCode() / 100 == 2;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }
}
