package io.skysync.service;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.util.List;

/**
 * What one {@link RetentionJob} run did, per vault; vaults whose clean-up failed are named in
 * {@code failed}, vaults another run held (its lease) in {@code skipped}.
 */
public record RetentionReport(List<VaultReport> vaults, List<VaultId> failed, List<VaultId> skipped) {
    public RetentionReport {
        vaults = List.copyOf(vaults);
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
    }

    /**
     * @param logFloor       the vault's log floor after the run
     * @param historyDeleted history records deleted
     * @param blobsMarked    unreferenced blobs marked (phase 1)
     * @param blobsDeleted   marked blobs deleted (phase 2)
     * @param marksReleased  marks dropped because the blob was referenced again
     */
    public record VaultReport(VaultId vault, Seq logFloor, int historyDeleted, int blobsMarked, int blobsDeleted,
                              int marksReleased) {
    }
}
