package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The device writes of {@link TableManifestStore}, each of only the properties it changes:
 * <ul>
 *   <li>a new device is a create (409 if the id exists);</li>
 *   <li>last seen and cursor are a Merge Entity of those two properties with {@code If-Match: *}
 *       (a merge never creates a row, and never touches role, revocation or token);</li>
 *   <li>role and revocation are a merge of those two under the ETag read with the row, after checking
 *       that the row is the expected one; with a keeper, one entity-group transaction that also
 *       merges nothing new into the keeper's row under its ETag, so a concurrent change of the
 *       keeper (another admin demoting it) makes one of the two transactions fail;</li>
 *   <li>a rename is a merge of the name only, under the ETag of a read that found the device not
 *       revoked, so it never lands on a row revoked meanwhile (a role change it races stays: the
 *       merge does not carry the role).</li>
 * </ul>
 */
final class TableDeviceWrites {
    private final TableClient table;
    private final TableRows rows;

    TableDeviceWrites(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
    }

    boolean add(VaultId vault, DeviceRecord device) {
        return rows.createIfAbsent(ManifestEntities.device(vault, device));
    }

    boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor) {
        TableEntity seen = new TableEntity(vault.value(), RowKeys.device(device))
                .addProperty("lastSeen", lastSeen.toString())
                .addProperty("cursor", cursor.value());
        return conditional(() -> table.updateEntityWithResponse(seen, TableEntityUpdateMode.MERGE, false, null, null));
    }

    boolean rename(VaultId vault, DeviceId device, String name) {
        Optional<TableEntity> row = rows.read(vault, RowKeys.device(device));
        if (row.isEmpty() || ManifestEntities.device(row.get()).revoked()) {
            return false;
        }
        TableEntity renamed = ManifestEntities.withETag(new TableEntity(vault.value(), row.get().getRowKey())
                .addProperty("name", name), row.get().getETag());
        return conditional(() -> table.updateEntityWithResponse(renamed, TableEntityUpdateMode.MERGE, true, null, null));
    }

    boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked, Optional<DeviceId> keeper) {
        Optional<TableEntity> row = rows.read(vault, RowKeys.device(expected.id()));
        if (row.isEmpty() || !sameAccess(ManifestEntities.device(row.get()), expected.role(), expected.revoked())) {
            return false;
        }
        TableEntity change = ManifestEntities.withETag(new TableEntity(vault.value(), row.get().getRowKey())
                .addProperty("role", role.wireName())
                .addProperty("revoked", revoked), row.get().getETag());
        if (keeper.isEmpty()) {
            return conditional(() -> table.updateEntityWithResponse(change, TableEntityUpdateMode.MERGE, true, null, null));
        }
        Optional<TableEntity> keeperRow = rows.read(vault, RowKeys.device(keeper.get()));
        if (keeperRow.isEmpty() || !sameAccess(ManifestEntities.device(keeperRow.get()), Role.ADMIN, false)) {
            return false;
        }
        TableEntity stillAdmin = ManifestEntities.withETag(new TableEntity(vault.value(), keeperRow.get().getRowKey())
                .addProperty("role", Role.ADMIN.wireName()), keeperRow.get().getETag());
        List<TableTransactionAction> actions = new ArrayList<>(List.of(
                new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE, change, true),
                new TableTransactionAction(TableTransactionActionType.UPDATE_MERGE, stillAdmin, true)));
        TableManifestStore.checkOnePartition(vault.value(), actions);
        try {
            table.submitTransaction(actions);
            return true;
        } catch (TableTransactionFailedException e) {
            // The failure names the action, not why: one of the two rows must have changed since our read.
            if (changed(vault, row.get()) || changed(vault, keeperRow.get())) {
                return false;
            }
            throw e;
        }
    }

    private boolean changed(VaultId vault, TableEntity read) {
        return rows.read(vault, read.getRowKey())
                .map(now -> !ETags.repair(now.getETag()).equals(ETags.repair(read.getETag())))
                .orElse(true);
    }

    private static boolean sameAccess(DeviceRecord stored, Role role, boolean revoked) {
        return stored.role() == role && stored.revoked() == revoked;
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }
}
