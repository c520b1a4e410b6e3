package io.skysync.service;

import io.skysync.domain.ContentHash;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server found reading a stored object: its size, its ETag (which names exactly the bytes
 * read, for a later conditional delete or copy), and the SHA-256 of its bytes, or empty if the
 * object was larger than the reader's cap and was not read.
 */
public record BlobDigest(long size, String etag, Optional<ContentHash> sha256) {
    public BlobDigest {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** True if the bytes were read and are exactly the content of {@code hash}. */
    public boolean matches(ContentHash hash) {
        return sha256.filter(hash::equals).isPresent();
    }
}
