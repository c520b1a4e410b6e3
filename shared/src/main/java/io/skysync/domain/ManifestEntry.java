package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Instant;
import java.util.Objects;

/**
 * One file's current state in the hosted manifest. A deleted file stays as a tombstone
 * ({@code deleted = true}, no hash, size 0) so other devices learn of the deletion and its version
 * keeps counting.
 */
public record ManifestEntry(
        VaultPath path,
        FileVersion version,
        ContentHash hash,
        long size,
        long mtimeMillis,
        boolean deleted,
        DeviceId device,
        Seq seq,
        Instant updatedAt) {

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version.isNone()) {
            throw new SkysyncException(ErrorCode.INVALID_VERSION, "a manifest entry has version >= 1");
        }
        if (deleted) {
            if (hash != null || size != 0) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a tombstone has no hash and size 0");
            }
        } else {
            Objects.requireNonNull(hash, "hash");
            if (size < 0) {
                throw new SkysyncException(ErrorCode.INVALID_SIZE, "invalid size " + size + ": must be >= 0");
            }
        }
    }

    public static ManifestEntry live(VaultPath path, FileVersion version, ContentHash hash, long size, long mtimeMillis,
                                     DeviceId device, Seq seq, Instant updatedAt) {
        return new ManifestEntry(path, version, hash, size, mtimeMillis, false, device, seq, updatedAt);
    }

    public static ManifestEntry tombstone(VaultPath path, FileVersion version, DeviceId device, Seq seq, Instant updatedAt) {
        return new ManifestEntry(path, version, null, 0, 0, true, device, seq, updatedAt);
    }

    /** The content, or null for a tombstone. */
    public ContentHash contentOrNull() {
        return deleted ? null : hash;
    }
}
