package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The clean-up marks of a vault's blobs. Each change is one conditional write on one record, so a
 * plan or commit taking a mark away and the clean-up dooming it cannot both succeed. Reads are
 * strongly consistent.
 */
public interface BlobMarks {

    /** The marks of these hashes; unmarked hashes are absent from the map. */
    Map<ContentHash, BlobMark> marks(VaultId vault, Collection<ContentHash> hashes);

    /** Every mark of the vault, in no particular order. */
    List<BlobMark> marks(VaultId vault);

    /**
     * Marks a blob (phase 1, not doomed) at {@code at}.
     *
     * @return false, with nothing written, if the blob already has a mark of either kind
     */
    boolean mark(VaultId vault, ContentHash hash, Instant at);

    /**
     * Turns exactly this phase-1 mark (same {@code markedAt}, not doomed) into a doomed one.
     *
     * @return false, with nothing written, if the record is gone or is not exactly {@code marked}
     */
    boolean doom(VaultId vault, BlobMark marked);

    /**
     * Deletes the record if it is exactly {@code expected} (same {@code markedAt} and doomed flag).
     *
     * @return false, with nothing written, if the record is gone or differs
     */
    boolean remove(VaultId vault, BlobMark expected);
}
