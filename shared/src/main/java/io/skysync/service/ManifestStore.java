package io.skysync.service;

import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
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
 * head. Implementations only store and check conditions; {@link SyncService} decides. Every read is
 * strongly consistent. Reads of an unknown vault answer empty. Every implementation must pass
 * {@code io.skysync.testing.ManifestStoreContract} (in the shared test-jar).
 */
public interface ManifestStore {

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

    /** Creates or replaces a device record (role change, revocation, last seen) of an existing vault. */
    void putDevice(VaultId vault, DeviceRecord device);

    /** Current entries (tombstones included) of the given paths; paths with no entry are absent from the map. */
    Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths);

    /**
     * Writes {@code writes} (1 to {@link #maxWritesPerCommit()}, distinct paths, seqs
     * {@code expectedSeq + 1 ...} in order), one change-log record and one history record per
     * write, and moves the head from {@code expectedSeq} to the last write's seq — all or nothing.
     * Each log record must remember where its commit ends, so {@link #changesSince} can end a page
     * at a commit boundary.
     *
     * @return {@link CommitAttempt.Applied}; {@link CommitAttempt.SeqMoved} if the head is no
     *     longer {@code expectedSeq} (behind or ahead); otherwise {@link CommitAttempt.EntryConflicts}
     *     naming exactly the paths whose stored version was not the expected one
     *     ({@link FileVersion#NONE} expects no entry, a tombstone is an entry)
     */
    CommitAttempt commit(VaultId vault, Seq expectedSeq, List<EntryWrite> writes, Instant now);

    /**
     * How many writes one atomic {@link #commit} may hold: 49 on DynamoDB and Azure Table, where a
     * write takes two of a transaction's 100 items (entry and history) and the head and log two more.
     */
    int maxWritesPerCommit();

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
}
