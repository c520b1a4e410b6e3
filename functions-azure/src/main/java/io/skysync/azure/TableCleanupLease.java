package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A vault's clean-up lease as one row ({@code lease#cleanup}, encoded by {@link RowKeys}):
 * {@code owner} and {@code until}. Taking it is a create, or a replace under the ETag of the read
 * that found it ours or run out; releasing it is a delete under that ETag.
 */
final class TableCleanupLease {
    static final String ROW_KEY = RowKeys.encode("lease#cleanup");

    private final TableClient table;
    private final TableRows rows;

    TableCleanupLease(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
    }

    boolean hold(VaultId vault, String owner, Instant now, Instant until) {
        TableEntity lease = new TableEntity(vault.value(), ROW_KEY).addProperty("owner", owner)
                .addProperty("until", until.toString());
        Optional<TableEntity> found = rows.read(vault, ROW_KEY);
        if (found.isEmpty()) {
            return rows.createIfAbsent(lease);
        }
        boolean ours = owner.equals(found.get().getProperty("owner"));
        boolean runOut = !Instant.parse((String) found.get().getProperty("until")).isAfter(now);
        if (!ours && !runOut) {
            return false;
        }
        try {
            table.updateEntityWithResponse(ManifestEntities.withETag(lease, found.get().getETag()),
                    TableEntityUpdateMode.REPLACE, true, null, null);
            return true;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    void release(VaultId vault, String owner) {
        rows.read(vault, ROW_KEY).filter(row -> owner.equals(row.getProperty("owner"))).ifPresent(rows::deleteIfUnchanged);
    }
}
