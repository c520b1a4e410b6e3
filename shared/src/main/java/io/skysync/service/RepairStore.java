package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.List;

/**
 * The records of blob verification and repair in the manifest ({@link BlobRepairs}): a per-vault
 * counter of verifications per time window, a per-hash claim so one content is read at most once a
 * window, and the vault's lost contents. Every change is one conditional write. Every
 * implementation must pass {@code io.skysync.testing.RepairStoreContract}.
 */
public interface RepairStore {

    /**
     * Adds one to the vault's verification counter of {@code window} and returns the count after
     * the increment, atomically (n concurrent calls on a fresh window return 1..n). The store may
     * drop the counter after {@code expiresAt}.
     */
    long countVerification(VaultId vault, long window, Instant expiresAt);

    /**
     * Claims the next verification of {@code hash}: succeeds, recording {@code now}, only if no
     * claim of it was recorded after {@code notBefore}. Of two claims at once, one succeeds.
     */
    boolean claimVerification(VaultId vault, ContentHash hash, Instant now, Instant notBefore);

    /**
     * Records that the vault lost this content.
     *
     * @return false, with nothing written, if it is already recorded
     */
    boolean markLost(VaultId vault, LostBlob lost);

    /** The vault's lost contents, in no particular order, at most {@code limit}. */
    List<LostBlob> lost(VaultId vault, int limit);

    /**
     * Deletes the record if it is exactly {@code expected} (same {@code since}).
     *
     * @return false, with nothing written, if it is gone or differs
     */
    boolean clearLost(VaultId vault, LostBlob expected);
}
