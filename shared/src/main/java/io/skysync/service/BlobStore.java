package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Content-addressed, immutable blobs of a vault ({@code vaults/<vault>/blobs/<sha256>}). Bytes
 * never pass through the functions: the store hands out presigned URLs.
 */
public interface BlobStore {

    /**
     * A URL that accepts exactly this blob: the store refuses a body of another length, and (where
     * the store can) another checksum.
     */
    UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl);

    DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl);

    /** The stored blob's size, or empty if the vault has no such blob. */
    OptionalLong size(VaultId vault, ContentHash hash);

    /** Sizes of several blobs; absent blobs are left out. Stores may override to ask in parallel. */
    default Map<ContentHash, Long> sizes(VaultId vault, Collection<ContentHash> hashes) {
        Map<ContentHash, Long> found = new HashMap<>();
        for (ContentHash hash : hashes) {
            size(vault, hash).ifPresent(size -> found.put(hash, size));
        }
        return found;
    }
}
