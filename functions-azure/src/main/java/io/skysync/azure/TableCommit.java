package io.skysync.azure;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.VaultMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A commit of {@link TableManifestStore} as one entity-group transaction over the rows its
 * {@link TableBase} read (docs/azure.md): the head replaced under the ETag read with it, each entry
 * created (it had no row) or replaced under its row's ETag, one log row, one history row per entry.
 * Nothing is read again on the way; only a failed transaction reads the head, to tell a lost race
 * ({@link CommitAttempt#STALE}) from a bug.
 */
final class TableCommit {
    private final TableClient table;
    private final TableRows rows;

    TableCommit(TableClient table, TableRows rows) {
        this.table = Objects.requireNonNull(table, "table");
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /** What a round read, with the rows (and so their ETags) it read them from. */
    record TableBase(Seq seq, Map<VaultPath, ManifestEntry> entries, TableEntity head,
                     Map<VaultPath, TableEntity> files) implements CommitBase {
        TableBase {
            entries = Map.copyOf(entries);
            files = Map.copyOf(files);
        }
    }

    CommitAttempt commit(VaultId vault, TableBase base, List<EntryWrite> writes) {
        if (!base.expects(writes)) {
            return CommitAttempt.STALE;
        }
        VaultMeta meta = ManifestEntities.meta(vault, base.head());
        List<ManifestEntry> entries = writes.stream().map(EntryWrite::entry).toList();
        Seq last = entries.get(entries.size() - 1).seq();
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(replace(ManifestEntities.meta(new VaultMeta(vault, last, meta.logFloor(), meta.createdAt())),
                base.head().getETag()));
        for (EntryWrite write : writes) {
            TableEntity row = ManifestEntities.file(vault, write.entry());
            actions.add(write.expectedVersion().isNone()
                    ? new TableTransactionAction(TableTransactionActionType.CREATE, row)
                    : replace(row, base.files().get(write.entry().path()).getETag()));
        }
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ManifestEntities.log(vault, entries)));
        for (ManifestEntry entry : entries) {
            actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, ManifestEntities.history(vault, entry)));
        }
        TableManifestStore.checkOnePartition(vault.value(), actions);
        try {
            table.submitTransaction(actions);
            return CommitAttempt.APPLIED;
        } catch (TableTransactionFailedException e) {
            return explain(vault, base, e);
        }
    }

    /**
     * A failed transaction names only its first failed action. If the head moved (another commit,
     * or the clean-up raising the log floor), the round lost a race; a failure with the head
     * unchanged has no explanation in the manifest and is a bug, not a retry.
     */
    private CommitAttempt explain(VaultId vault, TableBase base, TableTransactionFailedException e) {
        boolean headMoved = rows.read(vault, RowKeys.META)
                .map(now -> !ETags.repair(now.getETag()).equals(ETags.repair(base.head().getETag())))
                .orElse(true);
        if (headMoved) {
            return CommitAttempt.STALE;
        }
        throw new IllegalStateException("the commit transaction failed at action "
                + e.getFailedTransactionActionIndex() + " for no reason the manifest shows", e);
    }

    private static TableTransactionAction replace(TableEntity entity, String etag) {
        return new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE,
                ManifestEntities.withETag(entity, etag), true);
    }
}
