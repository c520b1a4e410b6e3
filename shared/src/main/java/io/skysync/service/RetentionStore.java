package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the scheduled clean-up ({@link RetentionJob}) needs of the manifest beyond
 * {@link ManifestStore}: the list of vaults, pruning of the change log and of history, every hash
 * still referenced, the clean-up marks of blobs, and the per-vault lease that keeps two runs apart. {@link RetentionJob} decides what to prune;
 * the store only reads and deletes. Every implementation must pass
 * {@code io.skysync.testing.RetentionStoreContract} (in the shared test-jar).
 */
public interface RetentionStore extends BlobMarks {

    /** Every vault of the deployment (a scan is fine: only the daily job calls this). */
    List<VaultId> vaults();

    /**
     * The highest seq of a change-log record written strictly before {@code cutoff}
     * ({@link ManifestEntry#updatedAt()}), or {@link Seq#ZERO} if there is none. Log records are
     * written in seq order with non-decreasing times, so every record up to it is older too.
     */
    Seq lastLogSeqBefore(VaultId vault, Instant cutoff);

    /**
     * Raises the vault's log floor to {@code floor} (never lowers it, never above the head, never
     * touching the head's seq), and only then deletes the change-log records with seq
     * {@code <= floor}: a reader who finds a record missing finds the raised floor too.
     */
    void pruneLog(VaultId vault, Seq floor);

    /**
     * Every kept version of every path of the vault, the current ones and tombstones included, each
     * once, in no particular order.
     */
    Stream<ManifestEntry> historyRecords(VaultId vault);

    /** Deletes these history records (by path and version); absent ones are ignored. */
    void deleteHistory(VaultId vault, Collection<ManifestEntry> records);

    /**
     * Every blob a current entry or a kept history record of the vault points at as its one blob:
     * the content's hash, except for a chunked entry, whose content has no blob of its own (its
     * recipe, {@link #referencedRecipes}, and the chunks that lists are its blobs). A blob is
     * referenced here exactly when its absence loses a content ({@link BlobRepairs}).
     */
    Set<ContentHash> referencedHashes(VaultId vault);

    /**
     * Every recipe a current entry or a kept history record of the vault names (chunked files):
     * the clean-up keeps these and every chunk they list ({@link ChunkReferences}).
     */
    Set<ContentHash> referencedRecipes(VaultId vault);

    /**
     * Takes or extends the vault's clean-up lease for {@code owner} until {@code until}, in one
     * conditional write that succeeds only if the vault has no lease, or {@code owner} holds it, or
     * the stored one ran out at or before {@code now}. Of two runs at once, one holds the lease.
     *
     * @return true if {@code owner} holds the lease until {@code until}
     */
    boolean holdLease(VaultId vault, String owner, Instant now, Instant until);

    /** Gives the vault's clean-up lease up if {@code owner} holds it; does nothing otherwise. */
    void releaseLease(VaultId vault, String owner);
}
