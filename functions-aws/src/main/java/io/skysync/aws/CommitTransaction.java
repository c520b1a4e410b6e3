package io.skysync.aws;

import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One commit as one {@code TransactWriteItems}, and the reading of its cancellation reasons. The
 * items are laid out so that a reason's index names what failed:
 * <pre>
 *   0          the vault meta: seq := last, if seq = expected
 *   1 .. n     one file entry per write, if its version is the expected one (or it has no item)
 *   n + 1      the change-log item of the commit
 *   n + 2 ..   one history item per write
 * </pre>
 * 2n + 2 items must fit DynamoDB's 100-item limit, hence {@link #MAX_WRITES} = 49.
 */
final class CommitTransaction {
    static final int MAX_WRITES = 49;

    private final VaultId vault;
    private final String table;
    private final List<EntryWrite> writes;

    CommitTransaction(String table, VaultId vault, List<EntryWrite> writes) {
        if (writes.isEmpty() || writes.size() > MAX_WRITES) {
            throw new IllegalArgumentException("a commit holds 1 to " + MAX_WRITES + " writes, got " + writes.size());
        }
        this.table = table;
        this.vault = vault;
        this.writes = List.copyOf(writes);
    }

    List<TransactWriteItem> items(Seq expectedSeq) {
        EntryWrite.checkBatch(expectedSeq, writes, MAX_WRITES);
        List<ManifestEntry> entries = writes.stream().map(EntryWrite::entry).toList();
        Seq last = entries.get(entries.size() - 1).seq();
        List<TransactWriteItem> items = new ArrayList<>(2 * writes.size() + 2);
        items.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(ItemCodec.key(vault, SortKeys.META))
                .updateExpression("SET #seq = :last")
                .conditionExpression("attribute_exists(pk) AND #seq = :expected")
                .expressionAttributeNames(Map.of("#seq", ItemCodec.SEQ))
                .expressionAttributeValues(Map.of(":last", ItemCodec.n(last.value()), ":expected", ItemCodec.n(expectedSeq.value())))
                .build()).build());
        for (EntryWrite write : writes) {
            items.add(TransactWriteItem.builder().put(entryPut(write)).build());
        }
        // The log item's key is new by construction (its seq is past the head); the condition
        // turns a corrupt table into a loud failure instead of a silent overwrite.
        items.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(ItemCodec.logItem(vault, entries))
                .conditionExpression("attribute_not_exists(pk)")
                .build()).build());
        for (ManifestEntry entry : entries) {
            items.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(table)
                    .item(ItemCodec.entryItem(vault, SortKeys.history(entry.path(), entry.version()), "hist", entry))
                    .build()).build());
        }
        return items;
    }

    private Put entryPut(EntryWrite write) {
        ManifestEntry entry = write.entry();
        Put.Builder put = Put.builder().tableName(table)
                .item(ItemCodec.entryItem(vault, SortKeys.file(entry.path()), "file", entry));
        if (write.expectedVersion().equals(FileVersion.NONE)) {
            // "No entry" means no item at all: a tombstone is an item with a version, and conflicts.
            return put.conditionExpression("attribute_not_exists(pk)").build();
        }
        return put.conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", ItemCodec.VERSION))
                .expressionAttributeValues(Map.<String, AttributeValue>of(":expected",
                        ItemCodec.n(write.expectedVersion().value())))
                .build();
    }

    /**
     * What a cancelled transaction means: a failed condition (the head or an entry moved) or a
     * {@code TransactionConflict} (another transaction held one of the items) is
     * {@link CommitAttempt#STALE}, so the caller re-reads and decides again; throttling is an
     * outage to the caller (503, retry later), never a lost race; anything else is a bug.
     */
    CommitAttempt outcome(List<CancellationReason> reasons) {
        if (reasons.size() != 2 * writes.size() + 2) {
            throw new IllegalStateException("DynamoDB cancelled the commit with " + reasons.size()
                    + " reasons for " + (2 * writes.size() + 2) + " items: " + codes(reasons));
        }
        for (int i = 0; i <= writes.size(); i++) {
            if (failedCondition(reasons.get(i))) {
                return CommitAttempt.STALE;
            }
        }
        List<String> codes = codes(reasons);
        if (codes.contains("TransactionConflict")) {
            return CommitAttempt.STALE;
        }
        if (codes.contains("ThrottlingError") || codes.contains("ProvisionedThroughputExceeded")
                || codes.contains("RequestLimitExceeded")) {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the manifest table is throttling writes; retry the commit");
        }
        throw new IllegalStateException("DynamoDB cancelled the commit unexpectedly: " + codes);
    }

    private static boolean failedCondition(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static List<String> codes(List<CancellationReason> reasons) {
        return reasons.stream().map(r -> r.code() == null ? "None" : r.code()).toList();
    }
}
