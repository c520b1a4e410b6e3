package io.skysync.aws;

import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The current entries of many paths at once for {@link DynamoDbManifestStore}, and a commit round's
 * read of the head with them, in strongly consistent {@code BatchGetItem}s ({@link DynamoDbBatches}).
 */
final class EntryBatchReads {
    private final DynamoDbBatches batches;

    EntryBatchReads(DynamoDbBatches batches) {
        this.batches = Objects.requireNonNull(batches, "batches");
    }

    Map<VaultPath, ManifestEntry> read(VaultId vault, Collection<VaultPath> paths) {
        Map<VaultPath, ManifestEntry> found = new HashMap<>();
        batches.get(keys(vault, paths)).forEach(item -> {
            ManifestEntry entry = ItemCodec.entry(item);
            found.put(entry.path(), entry);
        });
        return found;
    }

    /**
     * The head and the entries of {@code paths} in one request (up to 99 paths; more take more):
     * the items are read in no particular order, which is fine because the commit's transaction is
     * conditional on the head's seq and on the version of every entry it writes, as read here.
     *
     * @return the head item (null if the vault does not exist) and the entries
     */
    HeadAndEntries readWithHead(VaultId vault, Collection<VaultPath> paths) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(ItemCodec.key(vault, SortKeys.META));
        keys.addAll(keys(vault, paths));
        Map<String, AttributeValue> head = null;
        Map<VaultPath, ManifestEntry> entries = new HashMap<>();
        for (Map<String, AttributeValue> item : batches.get(keys)) {
            if (SortKeys.META.equals(item.get(ItemCodec.SK).s())) {
                head = item;
            } else {
                ManifestEntry entry = ItemCodec.entry(item);
                entries.put(entry.path(), entry);
            }
        }
        return new HeadAndEntries(head, entries);
    }

    record HeadAndEntries(Map<String, AttributeValue> head, Map<VaultPath, ManifestEntry> entries) {
    }

    private static List<Map<String, AttributeValue>> keys(VaultId vault, Collection<VaultPath> paths) {
        return new LinkedHashSet<>(paths).stream().map(p -> ItemCodec.key(vault, SortKeys.file(p))).toList();
    }
}
