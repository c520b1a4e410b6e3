package io.skysync.content;

import io.skysync.domain.ContentHash;
import java.security.MessageDigest;

/**
 * The name of a chunk's blob, computed from its bytes: the one place that decides it. Today the
 * SHA-256 of the bytes, like every blob; an encrypted vault would name chunks with a keyed hash
 * of the plaintext instead, and only this function changes.
 */
public interface ChunkId {
    ChunkId SHA256 = (bytes, offset, length) -> {
        MessageDigest digest = ContentHash.sha256();
        digest.update(bytes, offset, length);
        return ContentHash.of(digest.digest());
    };

    ContentHash of(byte[] bytes, int offset, int length);
}
