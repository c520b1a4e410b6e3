package io.skysync.client.scan;

import io.skysync.client.index.LocalStat;
import io.skysync.domain.ContentHash;
import io.skysync.domain.Folder;
import io.skysync.domain.VaultPath;
import java.util.Objects;

/**
 * A regular file or a folder found by the scan.
 *
 * @param path       its vault path (NFC)
 * @param localName  its name on disk relative to the root, {@code /}-separated (may be NFD)
 * @param mtimeNanos modification time in nanoseconds
 * @param fileKey    the file system's identity of the file, or null
 * @param executable its executable bit, or null where the file system has none (Windows, FAT)
 */
public record LocalFile(VaultPath path, String localName, long size, long mtimeNanos, String fileKey, ContentHash hash,
                        Boolean executable) {
    public LocalFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(hash, "hash");
    }

    /** A file whose executable bit is not known. */
    public LocalFile(VaultPath path, String localName, long size, long mtimeNanos, String fileKey, ContentHash hash) {
        this(path, localName, size, mtimeNanos, fileKey, hash, null);
    }

    /** A folder the scan found (content {@link Folder#MARK}). */
    public boolean folder() {
        return Folder.is(hash);
    }

    public long mtimeMillis() {
        return Math.floorDiv(mtimeNanos, 1_000_000L);
    }

    /** What the index keeps of this file. */
    public LocalStat stat() {
        return new LocalStat(size, mtimeNanos, fileKey, hash);
    }

    /** The same file with the executable bit {@code bit}. */
    public LocalFile withExecutable(Boolean bit) {
        return new LocalFile(path, localName, size, mtimeNanos, fileKey, hash, bit);
    }

    /** Same size, modification time and identity: the content is taken as unchanged without reading it. */
    public boolean sameStat(long otherSize, long otherMtimeNanos, String otherFileKey) {
        return size == otherSize && mtimeNanos == otherMtimeNanos && Objects.equals(fileKey, otherFileKey);
    }
}
