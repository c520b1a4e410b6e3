package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the server needs of blob storage to check stored bytes against their name and to heal a
 * blob that does not match ({@link BlobRepairs}): the one place the functions read blob bytes.
 * Every write here is conditional on the ETag of an earlier read, so it acts on exactly the bytes
 * that were checked. Every implementation must pass {@code io.skysync.testing.BlobAuditContract}.
 */
public interface BlobAudit {

    /**
     * Reads the object and hashes its bytes, streaming; an object above {@code maxBytes} is not read
     * (its digest has no SHA-256). With {@code maxBytes = 0} this is a look at size and ETag only
     * (a HEAD), unless the object is empty.
     *
     * @return empty if there is no such object
     */
    Optional<BlobDigest> digest(BlobRef ref, long maxBytes);

    /** Deletes the object only if it still has {@code etag}; false if it changed or is gone. */
    boolean deleteIfUnchanged(BlobRef ref, String etag);

    /**
     * Copies {@code from} over {@code to} (replacing whatever {@code to} holds) only if {@code from}
     * still has {@code etag}; false if it changed or is gone.
     */
    boolean copyIfUnchanged(BlobRef from, String etag, BlobRef to);

    /** Deletes a staged repair upload, whatever it holds; deleting an absent one is not an error. */
    void deleteStaged(BlobRef staged);

    /** The devices that have staged a repair upload of {@code hash} in the vault. */
    List<DeviceId> stagedBy(VaultId vault, ContentHash hash);

    /**
     * An upload URL for {@code device}'s staged repair of {@code hash} (never the blob itself), as
     * strict as the store allows: create-only on Azure, the SHA-256 signed in on S3.
     */
    UploadTicket presignStaged(BlobRef staged, Duration ttl);
}
