package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Content-addressed, immutable blobs of a vault ({@code vaults/<vault>/blobs/<sha256>}). Bytes
 * never pass through the functions: the store hands out presigned URLs.
 */
public interface BlobStore {
    /** Azure's Put Blob limit (5000 MiB), the smaller of the two clouds': the default for a store that names none. */
    long DEFAULT_MAX_UPLOAD_BYTES = 5000L * 1024 * 1024;

    /**
     * The largest blob one upload ticket of this store can take (S3: one PUT, 5 GiB; Azure: one Put
     * Blob, 5000 MiB). No ticket is issued for a larger size: {@link UploadTickets} refuses it.
     */
    default long maxUploadBytes() {
        return DEFAULT_MAX_UPLOAD_BYTES;
    }

    /**
     * A URL that accepts exactly this blob: the store refuses a body of another length, and (where
     * the store can) another checksum. Callers go through {@link UploadTickets}, which checks
     * {@code size} against {@link #maxUploadBytes()} first.
     */
    UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl);

    /**
     * {@link #presignPut} for each of {@code sizes} (hash to size), in its order. Stores whose
     * presigning has a per-call cost worth sharing (S3's presigner) override it.
     */
    default Map<ContentHash, UploadTicket> presignPuts(VaultId vault, Map<ContentHash, Long> sizes, Duration ttl) {
        Map<ContentHash, UploadTicket> tickets = new LinkedHashMap<>();
        sizes.forEach((hash, size) -> tickets.put(hash, presignPut(vault, hash, size, ttl)));
        return tickets;
    }

    DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl);

    /**
     * The stored blob's bytes, streaming, or empty if the vault has no such blob. The server reads
     * only recipes this way ({@link RecipeCheck}, {@link ChunkReferences}); the caller closes it.
     */
    Optional<InputStream> open(VaultId vault, ContentHash hash);

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
