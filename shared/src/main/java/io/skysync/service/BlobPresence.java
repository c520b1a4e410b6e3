package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Which of the blobs a plan or a commit wants the vault holds, and at what size, asked in the order
 * the clean-up's argument needs (docs/devices.md, "Blob records"): the guard FIRST (a blob the
 * clean-up has claimed is missing), then the manifest's blob records, then storage for the blobs no
 * record shows ({@link BlobStore#sizes}, which lists a range of keys where that costs less than
 * asking blob by blob). What storage showed is recorded, so the next plan or commit finds it in the
 * manifest. Neither a record nor a new one counts for a content the vault has lost
 * ({@link BlobRepairs}): a record written back by a commit that raced the blob's removal must not
 * make a removed blob look present.
 */
final class BlobPresence {
    private final BlobRecords records;
    private final BlobStore blobs;
    private final BlobGuard guard;
    private final BiFunction<VaultId, Set<ContentHash>, Set<ContentHash>> lost;

    /** @param lost which of the given contents the vault has lost (none without blob repair) */
    BlobPresence(BlobRecords records, BlobStore blobs, BlobGuard guard,
                 BiFunction<VaultId, Set<ContentHash>, Set<ContentHash>> lost) {
        this.records = Objects.requireNonNull(records, "records");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.lost = Objects.requireNonNull(lost, "lost");
    }

    /**
     * The sizes of the wanted blobs (hash to the size the caller expects, null where it does not
     * know it: a recipe) that a commit starting now
     * may reference; absent ones are left out. A record of another size than the expected one is
     * not trusted but checked in storage again: a record that went stale (a blob removed and
     * uploaded again at its right size) must not refuse the content for good. May write.
     */
    Map<ContentHash, Long> sizes(VaultId vault, Map<ContentHash, Long> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Set<ContentHash> usable = guard.usable(vault, wanted.keySet());
        if (usable.isEmpty()) {
            return Map.of();
        }
        Map<ContentHash, Long> sizes = new HashMap<>(records.recordedBlobs(vault, usable));
        sizes.entrySet().removeIf(e -> wanted.get(e.getKey()) != null && !e.getValue().equals(wanted.get(e.getKey())));
        // Read after the records, so a record written back after the content was lost is caught.
        Set<ContentHash> lostNow = lost.apply(vault, usable);
        sizes.keySet().removeAll(lostNow);
        Set<ContentHash> unknown = new LinkedHashSet<>(usable);
        unknown.removeAll(sizes.keySet());
        if (!unknown.isEmpty()) {
            Map<ContentHash, Long> stored = blobs.sizes(vault, unknown);
            sizes.putAll(stored);
            Map<ContentHash, Long> confirmed = new HashMap<>(stored);
            confirmed.keySet().removeAll(lostNow);
            if (!confirmed.isEmpty()) {
                records.recordBlobs(vault, confirmed);
            }
        }
        return sizes;
    }
}
