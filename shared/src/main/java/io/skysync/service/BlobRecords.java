package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.util.Collection;
import java.util.Map;

/**
 * The manifest's records of the blobs a vault holds ({@code blob#<sha256>} with its size), so that
 * plan and commit need not ask storage about a blob the vault already referenced. A record is
 * written only once storage showed the blob, after the clean-up's guard cleared it
 * ({@link BlobPresence}); the clean-up ({@link RetentionJob}) and blob repair ({@link BlobRepairs})
 * remove a record before they remove its blob. A record is a cache: forgetting one is always safe
 * (storage is asked again). The argument why a record never outlives its blob is in
 * docs/devices.md, "Blob records". Every implementation must pass
 * {@code io.skysync.testing.BlobRecordsContract}.
 */
public interface BlobRecords {

    /** The recorded sizes of those of {@code hashes} the vault has a record of; the others are left out. */
    Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes);

    /** Records (or records again) that storage holds these blobs with these sizes. */
    void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes);

    /** Removes the records of these blobs; forgetting an unrecorded blob is not an error. */
    void forgetBlobs(VaultId vault, Collection<ContentHash> hashes);
}
