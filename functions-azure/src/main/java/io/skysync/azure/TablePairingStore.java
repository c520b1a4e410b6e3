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
    private final TableRows rows;

    public TablePairingStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
    }

    @Override
    public boolean put(PairingCode code) {
        TableEntity row = new TableEntity(code.vault().value(), CODE_PREFIX + code.codeHash())
                .addProperty("role", code.role().wireName())
                .addProperty("createdBy", code.createdBy().value())
                .addProperty("expiresAt", code.expiresAt().toString());
        return rows.createIfAbsent(row);
    }

    @Override
    public Optional<PairingCode> take(VaultId vault, String codeHash, Instant now) {
        Optional<TableEntity> found = rows.read(vault, CODE_PREFIX + codeHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TableEntity row = found.get();
        Instant expiresAt = Instant.parse((String) row.getProperty("expiresAt"));
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        // Under the ETag of our read: of two racing takes, only one deletes the row.
        if (!rows.deleteIfUnchanged(row)) {
            return Optional.empty();
        }
        return Optional.of(new PairingCode(vault, codeHash, Role.fromWireName((String) row.getProperty("role")),
                new DeviceId((String) row.getProperty("createdBy")), expiresAt));
    }

    @Override
    public long countAttempt(VaultId vault, long window, Instant expiresAt) {
        String rowKey = ATTEMPTS_PREFIX + window;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<TableEntity> found = rows.read(vault, rowKey);
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
}
