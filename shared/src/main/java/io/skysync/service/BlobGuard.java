package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.util.Set;

/**
 * Decides which blobs a plan or a commit may count on. With the clean-up's marks
 * ({@link MarkedBlobGuard}) a blob the clean-up has claimed counts as missing; see docs/devices.md,
 * "Clean-up and the upload/commit race".
 *
 * <p>Callers ask the guard FIRST and only then ask storage whether the blob is there: a blob the
 * guard clears cannot be deleted by the clean-up before the commit has written its entry, while a
 * presence check made before the guard could be stale.
 */
public interface BlobGuard {

    /** Trusts every stored blob: for deployments without a clean-up job. */
    BlobGuard NONE = (vault, wanted) -> wanted;

    /**
     * The subset of {@code wanted} whose stored blob, if storage has one when asked next, a commit
     * starting now may reference. May write (a wanted blob's phase-1 mark is taken away).
     */
    Set<ContentHash> usable(VaultId vault, Set<ContentHash> wanted);
}
