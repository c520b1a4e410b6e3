package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one batched answer to "which of these blobs (files, chunks, recipes) does the vault hold, at
 * what size, for a commit starting now": the clean-up's guard FIRST (a blob it has claimed is
 * missing, see {@link BlobGuard}), then storage, in one call per batch. Every presence check of
 * upload tickets, commits and recipe checks goes through here, so a cheaper source (the manifest's
 * own blob records) can answer it in one place.
 */
final class PresentBlobs {
    private final BlobStore blobs;
    private final BlobGuard guard;

    PresentBlobs(BlobStore blobs, BlobGuard guard) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** The sizes of the wanted blobs a commit starting now may reference; absent ones are left out. May write. */
    Map<ContentHash, Long> sizes(VaultId vault, Set<ContentHash> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Set<ContentHash> usable = guard.usable(vault, wanted);
        return usable.isEmpty() ? Map.of() : blobs.sizes(vault, usable);
    }
}
