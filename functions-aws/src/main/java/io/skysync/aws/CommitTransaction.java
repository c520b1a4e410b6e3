package io.skysync.aws;

import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
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
 *   n + 2 ..   one history item per write that replaces a version: the version it replaces
 * </pre>
 * The current version of a path lives in its file item only; it is copied to a history item in
 * the transaction that replaces it, from the commit's read, under the same conditions. So a write
 * of a new path takes one item and a replacement two: up to {@link #MAX_WRITES} = 98 new paths
 * fit DynamoDB's 100 items, fewer replacements ({@link #fitting}).
 */
final class CommitTransaction {
    static final int MAX_ITEMS = 100;
    static final int MAX_WRITES = MAX_ITEMS - 2;

    private final VaultId vault;
    private final String table;
    private final List<EntryWrite> writes;
    private final List<ManifestEntry> replaced;

    /**
     * @param read what the commit's base read of the written paths: for every write that expects a
     *     version, the entry at that version (the caller has checked the versions)
     */
    CommitTransaction(String table, VaultId vault, List<EntryWrite> writes, Map<VaultPath, ManifestEntry> read) {
        requireFits(writes);
        this.table = table;
        this.vault = vault;
        this.writes = List.copyOf(writes);
        this.replaced = writes.stream().filter(CommitTransaction::replaces).map(w -> replacedBy(w, read)).toList();
    }

    /** How many of {@code writes}, from the first, fit one transaction. */
    static int fitting(List<EntryWrite> writes) {
        int items = 2;
        for (int i = 0; i < writes.size(); i++) {
            items += replaces(writes.get(i)) ? 2 : 1;
            if (items > MAX_ITEMS) {
                return i;
            }
        }
        return writes.size();
    }

    /** @throws IllegalArgumentException unless {@code writes} are 1 or more and all fit one transaction */
    static void requireFits(List<EntryWrite> writes) {
        if (writes.isEmpty() || fitting(writes) < writes.size()) {
            throw new IllegalArgumentException("a commit holds 1 to " + MAX_WRITES + " writes in at most " + MAX_ITEMS
                    + " items, got " + writes.size() + " writes of " + (2 + itemsOf(writes)) + " items");
        }
    }

    List<TransactWriteItem> items(Seq expectedSeq) {
        EntryWrite.checkBatch(expectedSeq, writes, MAX_WRITES);
        List<ManifestEntry> entries = writes.stream().map(EntryWrite::entry).toList();
        Seq last = entries.get(entries.size() - 1).seq();
        List<TransactWriteItem> items = new ArrayList<>(itemCount());
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
        // Unconditional: a version is written once (its file item's put is conditional), so the copy
        // says what the item said; a table from before this layout holds the same copy already.
        for (ManifestEntry entry : replaced) {
            items.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(table)
                    .item(ItemCodec.entryItem(vault, SortKeys.history(entry.path(), entry.version()), "hist", entry))
                    .build()).build());
        }
        return items;
    }

    private int itemCount() {
        return 2 + writes.size() + replaced.size();
    }

    private static int itemsOf(List<EntryWrite> writes) {
        return writes.stream().mapToInt(w -> replaces(w) ? 2 : 1).sum();
    }

    private static boolean replaces(EntryWrite write) {
        return !write.expectedVersion().equals(FileVersion.NONE);
    }

    private static ManifestEntry replacedBy(EntryWrite write, Map<VaultPath, ManifestEntry> read) {
        ManifestEntry current = read.get(write.entry().path());
        if (current == null || !current.version().equals(write.expectedVersion())) {
            throw new IllegalArgumentException("the write of " + write.entry().path() + " expects version "
                    + write.expectedVersion() + ", which the read does not hold");
        }
        return current;
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
        if (reasons.size() != itemCount()) {
            throw new IllegalStateException("DynamoDB cancelled the commit with " + reasons.size()
                    + " reasons for " + itemCount() + " items: " + codes(reasons));
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
