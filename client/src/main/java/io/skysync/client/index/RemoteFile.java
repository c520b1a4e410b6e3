package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.ManifestEntry;
import io.skysync.reconcile.Snapshot;
import java.util.Objects;

/**
 * A path's remote state as far as this device knows: no entry ({@link FileVersion#NONE}), a
 * tombstone (no hash), or a version with its content, size, modification time and executable bit
 * (null: unknown).
 */
public record RemoteFile(FileVersion version, ContentHash hash, long size, long mtimeMillis, Boolean executable) {
    public static final RemoteFile ABSENT = new RemoteFile(FileVersion.NONE, null, 0, 0);

    /** A remote state whose executable bit is unknown. */
    public RemoteFile(FileVersion version, ContentHash hash, long size, long mtimeMillis) {
        this(version, hash, size, mtimeMillis, null);
    }

    public RemoteFile {
        Objects.requireNonNull(version, "version");
        if (version.isNone() && hash != null) {
            throw new IllegalArgumentException("a remote file with content has a version >= 1");
        }
    }

    public static RemoteFile of(ManifestEntry entry) {
        return entry == null ? ABSENT : new RemoteFile(entry.version(), entry.contentOrNull(), entry.size(),
                entry.mtimeMillis(), entry.executable());
    }

    public static RemoteFile live(FileVersion version, ContentHash hash, long size, long mtimeMillis) {
        return new RemoteFile(version, Objects.requireNonNull(hash, "hash"), size, mtimeMillis);
    }

    public static RemoteFile tombstone(FileVersion version) {
        return new RemoteFile(version, null, 0, 0);
    }

    public RemoteFile withExecutable(Boolean bit) {
        return new RemoteFile(version, hash, size, mtimeMillis, bit);
    }

    public Snapshot snapshot() {
        return new Snapshot(version, version.isNone() ? null : hash);
    }

    public boolean live() {
        return !version.isNone() && hash != null;
    }

    /** A live folder entry. */
    public boolean folder() {
        return live() && Folder.is(hash);
    }

    public boolean tombstone() {
        return !version.isNone() && hash == null;
    }
}
