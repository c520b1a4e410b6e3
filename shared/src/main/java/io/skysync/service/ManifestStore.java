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
 * strongly consistent. Every implementation must pass {@code ManifestStoreContract}.
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

    /** Creates or replaces a device record (role change, revocation, last seen). */
    void putDevice(VaultId vault, DeviceRecord device);

    /** Current entries (tombstones included) of the given paths; paths with no entry are absent from the map. */
    Map<VaultPath, ManifestEntry> entries(VaultId vault, Collection<VaultPath> paths);

    /**
     * Writes {@code writes} (at most {@link #maxWritesPerCommit()}, distinct paths, seqs
     * {@code expectedSeq + 1 ...} in order), one change-log record and one history record per
     * write, and moves the head from {@code expectedSeq} to the last write's seq — all or nothing.
     *
     * @return {@link CommitAttempt.Applied}; {@link CommitAttempt.SeqMoved} if the head is no
     *     longer {@code expectedSeq}; otherwise {@link CommitAttempt.EntryConflicts} naming every
     *     path whose stored version was not the expected one
     */
    CommitAttempt commit(VaultId vault, Seq expectedSeq, List<EntryWrite> writes, Instant now);

    /** How many writes one atomic {@link #commit} may hold (DynamoDB and Azure Table: 100 items). */
    int maxWritesPerCommit();

    /**
     * Entries committed with seq greater than {@code after}, in seq order, at most about
     * {@code limit} (a page ends at a commit boundary, so it may hold a few more).
     * The caller has checked {@code after} against the log floor.
     */
    ChangePage changesSince(VaultId vault, Seq after, int limit);

    /** Current entries with paths greater than {@code after} (null: from the start), by path. */
    FilePage files(VaultId vault, VaultPath after, int limit);

    /** Kept versions of one path, newest first. */
    List<ManifestEntry> history(VaultId vault, VaultPath path, int limit);

    /** One kept version of a path, if history still has it. */
    Optional<ManifestEntry> version(VaultId vault, VaultPath path, FileVersion version);
}
