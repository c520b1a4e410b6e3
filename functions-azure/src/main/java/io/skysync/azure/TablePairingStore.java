package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.service.PairingCode;
import io.skysync.service.PairingStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairing codes and attempt counters in the manifest table: RowKey {@code pair#<code hash>} and
 * {@code pairtry#<window>}, encoded by {@link RowKeys}. Table Storage has neither a conditional
 * delete on a property nor an atomic increment, so both go through ETags: a code is read, checked,
 * then deleted only if unchanged (one of two racing takes gets 412); a counter is re-read and
 * replaced under its ETag until the write wins. Expired rows stay until a clean-up; they are never
 * taken.
 */
public final class TablePairingStore implements PairingStore {
    static final String CODE_PREFIX = RowKeys.encode("pair#");
    static final String ATTEMPTS_PREFIX = RowKeys.encode("pairtry#");
    /** Contention bound for the counter: each round one of the racing writers wins. */
    private static final int MAX_ROUNDS = 200;

    private final TableClient table;

    public TablePairingStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean put(PairingCode code) {
        TableEntity row = new TableEntity(code.vault().value(), CODE_PREFIX + code.codeHash())
                .addProperty("role", code.role().wireName())
                .addProperty("createdBy", code.createdBy().value())
                .addProperty("expiresAt", code.expiresAt().toString());
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

    @Override
    public Optional<PairingCode> take(VaultId vault, String codeHash, Instant now) {
        Optional<TableEntity> found = read(vault, CODE_PREFIX + codeHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TableEntity row = found.get();
        Instant expiresAt = Instant.parse((String) row.getProperty("expiresAt"));
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        try {
            // ifUnchanged with the ETag of our read: of two racing takes, the second gets 412 or 404.
            if (!deleteIfUnchanged(row)) {
                return Optional.empty();
            }
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new PairingCode(vault, codeHash, Role.fromWireName((String) row.getProperty("role")),
                new DeviceId((String) row.getProperty("createdBy")), expiresAt));
    }

    @Override
    public long countAttempt(VaultId vault, long window, Instant expiresAt) {
        String rowKey = ATTEMPTS_PREFIX + window;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<TableEntity> found = read(vault, rowKey);
            try {
                if (found.isEmpty()) {
                    table.createEntity(new TableEntity(vault.value(), rowKey).addProperty("tries", 1L)
                            .addProperty("expiresAt", expiresAt.toString()));
                    return 1;
                }
                long tries = ((Number) found.get().getProperty("tries")).longValue() + 1;
                TableEntity next = ManifestEntities.withETag(new TableEntity(vault.value(), rowKey)
                        .addProperty("tries", tries).addProperty("expiresAt", expiresAt.toString()),
                        found.get().getETag());
                table.updateEntityWithResponse(next, TableEntityUpdateMode.REPLACE, true, null, null);
                return tries;
            } catch (TableServiceException e) {
                if (!TableStatus.is(e, TableStatus.CONFLICT, TableStatus.PRECONDITION_FAILED)) {
                    throw e;
                }
                // Another attempt won this round: read again.
            }
        }
        throw new IllegalStateException("the pairing attempt counter of vault " + vault + " is too contended; retry");
    }

    /**
     * The SDK turns a delete's 404 into a normal response (deleting a missing row is a no-op to it),
     * so whether this call deleted the row is read from the status: only a 2xx did.
     */
    private boolean deleteIfUnchanged(TableEntity read) {
        return table.deleteEntityWithResponse(ifUnchanged(read), true, null, null).getStatusCode() / 100 == 2;
    }

    /**
     * A key-only copy of a row read, carrying its (repaired) ETag: a delete with {@code ifUnchanged}
     * sends it as If-Match, so the delete fails with 412 if the row changed or went since the read.
     */
    private static TableEntity ifUnchanged(TableEntity read) {
        return ManifestEntities.withETag(new TableEntity(read.getPartitionKey(), read.getRowKey()), read.getETag());
    }

    private Optional<TableEntity> read(VaultId vault, String rowKey) {
        try {
            return Optional.of(table.getEntity(vault.value(), rowKey));
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
