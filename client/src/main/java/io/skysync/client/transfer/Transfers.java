package io.skysync.client.transfer;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Moves blobs between disk and storage through presigned URLs. Implementations retry transient
 * failures themselves; a {@link TransferException} is final for this URL ({@code EXPIRED}: get a
 * new one). Both methods stream: no file is ever held in memory whole. Safe to call from several
 * threads at once.
 */
public interface Transfers {

    /** A presigned GET and when it expires (null if not known). */
    record Presigned(URI url, Instant expiresAt) {
    }

    /** Sends {@code source} ({@code size} bytes) with exactly the method and headers the API gave. */
    void upload(Path source, long size, UploadDto target, ByteCounter progress) throws TransferException;

    /**
     * Fetches {@code url} into {@code target} (created or truncated), verifying the size and SHA-256;
     * on any failure {@code target} is deleted, so no partial file survives.
     */
    void download(Presigned url, Path target, ContentHash expected, long size, ByteCounter progress) throws TransferException;

    /** Receives transferred byte counts, from any thread. */
    interface ByteCounter {
        ByteCounter NONE = n -> { };

        void add(long bytes);
    }
}
