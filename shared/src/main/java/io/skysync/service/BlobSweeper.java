package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the scheduled clean-up needs of blob storage: list a vault's blobs and delete one. Only
 * {@link RetentionJob} uses it; clients never delete blobs. Every implementation must pass
 * {@code io.skysync.testing.BlobSweeperContract} (in the shared test-jar).
 */
public interface BlobSweeper {

    /**
     * Every blob of the vault ({@code vaults/<vault>/blobs/<sha256>}), lazily, in no particular
     * order; keys that are not a content hash are skipped. The caller closes the stream.
     */
    Stream<StoredBlob> blobs(VaultId vault);

    /**
     * A blob's bytes, streaming, or empty if there is none: the clean-up reads the recipes of kept
     * versions to keep their chunks ({@link ChunkReferences}). The caller closes it.
     */
    Optional<InputStream> open(VaultId vault, ContentHash hash);

    /** Deletes the blob; deleting an absent blob is not an error. */
    void delete(VaultId vault, ContentHash hash);
}
