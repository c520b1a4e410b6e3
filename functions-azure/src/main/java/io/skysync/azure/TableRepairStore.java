package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.LostBlob;
import io.skysync.service.RepairStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RepairStore} in the manifest table (RowKeys encoded by {@link RowKeys}): the vault's
 * verification counter per window ({@code verifytry#<window>}, an ETag-guarded read-modify-write),
 * the claim of a content's verification ({@code verify#<hash>}: when), and lost contents
 * ({@code lost#<hash>}: since). Every change is a create or a write under the ETag just read.
 */
public final class TableRepairStore implements RepairStore {
    static final String TRIES_PREFIX = RowKeys.encode("verifytry#");
    static final String CLAIM_PREFIX = RowKeys.encode("verify#");
    static final String LOST_PREFIX = RowKeys.encode("lost#");
    private static final int MAX_ROUNDS = 100;

    private final TableClient table;
    private final TableRows rows;

    public TableRepairStore(TableClient table) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = new TableRows(table);
    }

    @Override
    public long countVerification(VaultId vault, long window, Instant expiresAt) {
        String rowKey = TRIES_PREFIX + window;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<TableEntity> found = rows.read(vault, rowKey);
            if (found.isEmpty()) {
                if (rows.createIfAbsent(new TableEntity(vault.value(), rowKey).addProperty("tries", 1L)
                        .addProperty("expiresAt", expiresAt.toString()))) {
                    return 1;
                }
                continue;
            }
            long tries = ((Number) found.get().getProperty("tries")).longValue() + 1;
            TableEntity next = new TableEntity(vault.value(), rowKey).addProperty("tries", tries)
                    .addProperty("expiresAt", expiresAt.toString());
            if (replaceUnder(next, found.get())) {
                return tries;
            }
        }
        throw new IllegalStateException("the verification counter of vault " + vault + " is too contended; retry");
    }

    @Override
    public boolean claimVerification(VaultId vault, ContentHash hash, Instant now, Instant notBefore) {
        TableEntity claim = new TableEntity(vault.value(), CLAIM_PREFIX + hash.hex()).addProperty("at", now.toString());
        Optional<TableEntity> found = rows.read(vault, claim.getRowKey());
        if (found.isEmpty()) {
            return rows.createIfAbsent(claim);
        }
        if (Instant.parse((String) found.get().getProperty("at")).isAfter(notBefore)) {
            return false;
        }
        return replaceUnder(claim, found.get());
    }

    @Override
    public boolean markLost(VaultId vault, LostBlob lost) {
        return rows.createIfAbsent(new TableEntity(vault.value(), LOST_PREFIX + lost.hash().hex())
                .addProperty("blob", lost.hash().hex()).addProperty("since", lost.since().toString()));
    }

    @Override
    public List<LostBlob> lost(VaultId vault, int limit) {
        List<LostBlob> out = new ArrayList<>();
        for (TableEntity row : rows.range(vault, LOST_PREFIX, RowKeys.prefixEnd(LOST_PREFIX), new ListEntitiesOptions())) {
            if (out.size() == limit) {
                break;
            }
            out.add(lost(row));
        }
        return out;
    }

    @Override
    public boolean clearLost(VaultId vault, LostBlob expected) {
        Optional<TableEntity> row = rows.read(vault, LOST_PREFIX + expected.hash().hex());
        return row.isPresent() && lost(row.get()).equals(expected) && rows.deleteIfUnchanged(row.get());
    }

    private static LostBlob lost(TableEntity row) {
        return new LostBlob(new ContentHash((String) row.getProperty("blob")), Instant.parse((String) row.getProperty("since")));
    }

    private boolean replaceUnder(TableEntity next, TableEntity read) {
        try {
            table.updateEntityWithResponse(ManifestEntities.withETag(next, read.getETag()), TableEntityUpdateMode.REPLACE,
                    true, null, null);
            return true;
        } catch (TableServiceException e) {
            if (TableStatus.is(e, TableStatus.PRECONDITION_FAILED, TableStatus.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }
}
