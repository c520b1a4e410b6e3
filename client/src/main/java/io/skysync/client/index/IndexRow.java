package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.util.Objects;

/**
 * What this device knows about one path: its last scan (the hash cache), what it last synced (the
 * reconcile ancestor) and the last remote state it saw (so a remote change it could not apply yet
 * is not forgotten when the cursor moves on).
 *
 * @param localName     the name on disk, relative to the root with {@code /} (may be NFD where {@code path} is NFC)
 * @param size          size at the last scan
 * @param mtimeNanos    modification time at the last scan, in nanoseconds
 * @param fileKey       the file system's identity of the file (inode), or null where there is none
 * @param localHash     the content at the last scan, null if the file was absent
 * @param syncedVersion the manifest version this device last agreed on (0: never synced)
 * @param syncedHash    the content it agreed on, null for a tombstone or never synced
 * @param remoteVersion the last remote version seen (0: none)
 * @param remoteHash    the last remote content seen, null for a tombstone or none
 * @param remoteSize    the last remote size seen
 * @param remoteMtime   the last remote modification time seen, in milliseconds
 */
public record IndexRow(
        VaultPath path,
        String localName,
        long size,
        long mtimeNanos,
        String fileKey,
        ContentHash localHash,
        long syncedVersion,
        ContentHash syncedHash,
        long remoteVersion,
        ContentHash remoteHash,
        long remoteSize,
        long remoteMtime) {

    public IndexRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(localName, "localName");
    }

    public Snapshot ancestor() {
        return new Snapshot(FileVersion.of(syncedVersion), syncedVersion == 0 ? null : syncedHash);
    }

    public Snapshot remote() {
        return new Snapshot(FileVersion.of(remoteVersion), remoteVersion == 0 ? null : remoteHash);
    }

    public boolean isLocallyPresent() {
        return localHash != null;
    }

    /** A row that remembers nothing worth keeping: absent here, never synced, nothing remote. */
    public boolean isEmpty() {
        return localHash == null && syncedVersion == 0 && remoteVersion == 0;
    }
}
