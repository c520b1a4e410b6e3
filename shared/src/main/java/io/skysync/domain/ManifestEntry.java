package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Instant;
import java.util.Objects;

/**
 * One file's current state in the hosted manifest. A deleted file stays as a tombstone
 * ({@code deleted = true}, no hash, size 0) so other devices learn of the deletion and its version
 * keeps counting. A chunked file (docs/design.md, "Big files") also names its {@code recipe}, the
 * blob that lists its chunks; {@code hash} stays the whole content's SHA-256. A folder is an entry
 * whose content is {@link Folder#MARK}.
 *
 * @param recipe     the recipe of a chunked file; null: one blob
 * @param executable the file's executable bit, or null where no device has told it yet (an entry
 *                   written by an older client): unknown, never taken as "not executable"
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
        ContentHash recipe,
        Boolean executable) {

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version.isNone()) {
            throw new SkysyncException(ErrorCode.INVALID_VERSION, "a manifest entry has version >= 1");
        }
        if (deleted && executable != null) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a tombstone has no executable bit");
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
            if (Folder.is(hash) && (size != 0 || executable != null)) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a folder has size 0 and no executable bit");
            }
        }
    }

    /** An entry of one blob whose executable bit is unknown (written by a client that does not send it). */
    public ManifestEntry(VaultPath path, FileVersion version, ContentHash hash, long size, long mtimeMillis,
                         boolean deleted, DeviceId device, Seq seq, Instant updatedAt) {
        this(path, version, hash, size, mtimeMillis, deleted, device, seq, updatedAt, null, null);
    }

    public static ManifestEntry live(VaultPath path, FileVersion version, ContentHash hash, long size, long mtimeMillis,
                                     DeviceId device, Seq seq, Instant updatedAt) {
        return new ManifestEntry(path, version, hash, size, mtimeMillis, false, device, seq, updatedAt);
    }

    /** The same entry with its content cut into chunks that {@code recipe} lists (null: one blob). */
    public ManifestEntry withRecipe(ContentHash recipeHash) {
        return new ManifestEntry(path, version, hash, size, mtimeMillis, deleted, device, seq, updatedAt, recipeHash, executable);
    }

    public static ManifestEntry tombstone(VaultPath path, FileVersion version, DeviceId device, Seq seq, Instant updatedAt) {
        return new ManifestEntry(path, version, null, 0, 0, true, device, seq, updatedAt);
    }

    /** The same entry with the executable bit {@code bit} (null: unknown). */
    public ManifestEntry withExecutable(Boolean bit) {
        return new ManifestEntry(path, version, hash, size, mtimeMillis, deleted, device, seq, updatedAt, recipe, bit);
    }

    /** A live folder entry (content {@link Folder#MARK}); a folder's tombstone is a plain tombstone. */
    public boolean folder() {
        return !deleted && Folder.is(hash);
    }

    /** The content, or null for a tombstone. */
    public ContentHash contentOrNull() {
        return deleted ? null : hash;
    }
}
