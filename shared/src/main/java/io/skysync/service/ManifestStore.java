package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted manifest of every vault: file entries, the change log, history, devices and the vault
 * head, and the records of the blobs a vault holds ({@link BlobRecords}). Implementations only store
 * and check conditions; {@link SyncService} decides. Every read is strongly consistent. Reads of an
 * unknown vault answer empty. Every implementation must pass
 * {@code io.skysync.testing.ManifestStoreContract} (in the shared test-jar); one that keeps blob
 * records also {@code io.skysync.testing.BlobRecordsContract}.
 */
public interface ManifestStore extends BlobRecords {

    /**
     * Creates the vault head (seq 0) and its first device in one atomic write.
     *
     * @return false, with nothing written, if the vault already exists
     */
    boolean createVault(VaultId vault, DeviceRecord firstDevice, Instant now);

    /** The vault's head, or empty if there is no such vault. */
    Optional<VaultMeta> vault(VaultId vault);

    Optional<DeviceRecord> device(VaultId vault, DeviceId device);

    List<DeviceRecord> devices(VaultId vault);

    /**
     * Adds a device record to an existing vault.
     *
     * @return false, with nothing written, if the vault already has a device with this id
     */
    boolean addDevice(VaultId vault, DeviceRecord device);

    /**
     * Sets only the device's {@code lastSeen} and {@code cursor}, never its role, revocation or
     * token: a plan that read the record before an admin changed it cannot undo the change.
     *
     * @return false, with nothing written, if the vault has no such device
     */
    boolean recordSeen(VaultId vault, DeviceId device, Instant lastSeen, Seq cursor);

    /**
     * Sets only the device's role and revocation, and only if both are still those of
     * {@code expected}; with a {@code keeper}, only if that device is at the same instant an active
     * (not revoked) admin of the vault. One atomic write: of two admins demoting or revoking each
     * other at once, at most one succeeds, so the vault keeps an admin.
     *
     * @return false, with nothing written, if the device is gone or changed, or the keeper is not
     *     an active admin
     */
    boolean changeAccess(VaultId vault, DeviceRecord expected, Role role, boolean revoked, Optional<DeviceId> keeper);

    /**
     * Sets only the device's name, and only while the device exists and is not revoked; never its
     * role, revocation, token, last seen or cursor, so a rename racing a revocation or a role change
     * cannot undo it.
     *
     * @return false, with nothing written, if the vault has no such device or it is revoked; a store
     *     that can only condition on the whole record (an ETag) also answers false if the record
     *     changed since its own read, and the caller reads again
     */
    boolean renameDevice(VaultId vault, DeviceId device, String name);

    /** Current entries (tombstones included) of the given paths; paths with no entry are absent from the map. */
    Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths);

    /**
     * One commit round's read: the vault head, then the current entries (tombstones included) of
     * {@code paths}, in that order, or all in one read where the store's {@link #commit} fails as
     * {@link CommitAttempt#STALE} on any written entry that moved since, not only on a moved head
     * (DynamoDB). Empty if there is no such vault.
     */
    Optional<CommitBase> readForCommit(VaultId vault, Collection<VaultPath> paths);

    /**
     * Writes {@code writes} (1 to {@link #fitting}{@code (writes)}, distinct paths, seqs
     * {@code base.seq() + 1 ...} in order, each expecting the version {@code base} read for its path),
     * one change-log record, and keeps every version in the history ({@link #history}: the written
     * ones and those they replace), and moves the head from
     * {@code base.seq()} to the last write's seq — all or nothing, without reading again what
     * {@code base} read. Each log record must remember where its commit ends, so {@link #changesSince}
     * can end a page at a commit boundary.
     *
     * @return {@link CommitAttempt#APPLIED}; {@link CommitAttempt#STALE}, with nothing written, if the
     *     head is no longer {@code base.seq()} or a write does not expect the version {@code base} read
     *     ({@link FileVersion#NONE} expects no entry, a tombstone is an entry)
     * @throws IllegalArgumentException if the batch breaks the rules above ({@link EntryWrite#checkBatch})
     */
    CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now);

    /**
     * One whole round in one call: {@link #readForCommit} of the writes' paths, then {@link #commit}
     * if the head is still {@code expectedSeq} ({@link CommitAttempt#STALE} otherwise). For tests and
     * tools; the service reads once and decides on what it read.
     */
    default CommitAttempt commit(VaultId vault, Seq expectedSeq, List<EntryWrite> writes, Instant now) {
        EntryWrite.checkBatch(expectedSeq, writes, maxWritesPerCommit());
        CommitBase base = readForCommit(vault, writes.stream().map(w -> w.entry().path()).toList())
                .orElseThrow(() -> new IllegalStateException("no vault " + vault + " in this store"));
        return base.seq().equals(expectedSeq) ? commit(vault, base, writes, now) : CommitAttempt.STALE;
    }

    /**
     * How many writes one atomic {@link #commit} may hold at most. DynamoDB and Azure Table allow 100
     * items per transaction. On Azure a commit of n writes takes 2n + 2 (head, entries, one log
     * record, history): 49. On DynamoDB a write of a new path takes one item and a write that
     * replaces a version two (the entry, and the replaced version kept as history), plus the head
     * and the log record: 98 new paths, fewer replacements ({@link #fitting}).
     */
    int maxWritesPerCommit();

    /**
     * How many of {@code writes}, from the first, one {@link #commit} takes: at most
     * {@link #maxWritesPerCommit()}, fewer on a store where some writes take more room than others
     * (DynamoDB: a write that replaces a version).
     */
    default int fitting(List<EntryWrite> writes) {
        return Math.min(writes.size(), maxWritesPerCommit());
    }

    /**
     * Change-log records with seq greater than {@code after}, in seq order: every write, so a path
     * written twice appears twice. A page holds whole commits: it stops after the first commit that
     * brings it to {@code limit} ({@code >= 1}) or more records, so it may hold up to
     * {@code maxWritesPerCommit() - 1} more, and it is never cut short before the end of the log.
     * {@code cursor} is the seq of the page's last record ({@code after} for an empty page);
     * {@code hasMore} is true exactly when the log holds records after {@code cursor}.
     * The caller has checked {@code after} against the log floor.
     */
    ChangePage changesSince(VaultId vault, Seq after, int limit);

    /**
     * Current entries, tombstones included, with paths after {@code after} (null: from the start),
     * at most {@code limit} ({@code >= 1}), in the store's path order (String order for ASCII paths).
     * {@code next} is the page's last path while more entries follow, null once the listing is done.
     */
    FilePage files(VaultId vault, VaultPath after, int limit);

    /**
     * Kept versions of one path, newest first, at most {@code limit}: one per committed write,
     * tombstones included, never a version of another path that shares a prefix. Empty if none.
     */
    List<ManifestEntry> history(VaultId vault, VaultPath path, int limit);

    /** One kept version of a path, if history still has it. */
    Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version);

    /** A store without blob records knows no blob: plan and commit ask storage, as they may always do. */
    @Override
    default Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return Map.of();
    }

    @Override
    default void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        // Nothing kept: a record is only a cache.
    }

    @Override
    default void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        // Nothing kept, nothing to forget.
    }
}
