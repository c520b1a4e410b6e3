package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import java.util.Objects;

/**
 * What the last scan saw of a local file: enough to trust its hash next time without reading it.
 *
 * @param mtimeNanos modification time in nanoseconds, or {@link #UNTRUSTED_MTIME} for a file
 *                   modified too close to the scan to be trusted (it is hashed again next time)
 * @param fileKey    the file system's identity of the file (inode), or null where there is none
 */
public record LocalStat(long size, long mtimeNanos, String fileKey, ContentHash hash) {
    /** Matches no real time, so a racily-clean file is hashed again by the next scan. */
    public static final long UNTRUSTED_MTIME = Long.MIN_VALUE;

    public LocalStat {
        Objects.requireNonNull(hash, "hash");
    }

    /** Same size, modification time and identity: the content is taken as unchanged without reading it. */
    public boolean sameStat(long otherSize, long otherMtimeNanos, String otherFileKey) {
        return size == otherSize && mtimeNanos == otherMtimeNanos && Objects.equals(fileKey, otherFileKey);
    }

    public LocalStat untrusted() {
        return new LocalStat(size, UNTRUSTED_MTIME, fileKey, hash);
    }
}
