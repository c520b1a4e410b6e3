package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Instant;
import java.util.Objects;

/**
 * One file's current state in the hosted manifest. A deleted file stays as a tombstone
 * ({@code deleted = true}, no hash, size 0) so other devices learn of the deletion and its version
 * keeps counting. A chunked file (docs/design.md, "Big files") also names its {@code recipe}, the
 * blob that lists its chunks; {@code hash} stays the whole content's SHA-256. Null: one blob.
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
        Instant updatedAt,
        ContentHash recipe) {

    /** An entry whose content is one blob (no recipe). */
    public ManifestEntry(VaultPath path, FileVersion version, ContentHash hash, long size, long mtimeMillis,
                         boolean deleted, DeviceId device, Seq seq, Instant updatedAt) {
        this(path, version, hash, size, mtimeMillis, deleted, device, seq, updatedAt, null);
    }

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
            if (hash != null || size != 0 || recipe != null) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a tombstone has no hash, no recipe and size 0");
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

    /** The same entry with its content cut into chunks that {@code recipe} lists (null: one blob). */
    public ManifestEntry withRecipe(ContentHash recipeHash) {
        return new ManifestEntry(path, version, hash, size, mtimeMillis, deleted, device, seq, updatedAt, recipeHash);
    }

    public static ManifestEntry tombstone(VaultPath path, FileVersion version, DeviceId device, Seq seq, Instant updatedAt) {
        return new ManifestEntry(path, version, null, 0, 0, true, device, seq, updatedAt);
    }

    /** The content, or null for a tombstone. */
    public ContentHash contentOrNull() {
        return deleted ? null : hash;
    }
}
