package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.reconcile.Snapshot;

/** A path's remote state as far as this device knows: version 0 = no entry, null hash = tombstone. */
public record RemoteFile(long version, ContentHash hash, long size, long mtimeMillis) {
    public static final RemoteFile ABSENT = new RemoteFile(0, null, 0, 0);

    public static RemoteFile of(ManifestEntry entry) {
        return entry == null ? ABSENT
                : new RemoteFile(entry.version().value(), entry.contentOrNull(), entry.size(), entry.mtimeMillis());
    }

    public static RemoteFile fromRow(IndexRow row) {
        return row == null || row.remoteVersion() == 0 ? ABSENT
                : new RemoteFile(row.remoteVersion(), row.remoteHash(), row.remoteSize(), row.remoteMtime());
    }

    public Snapshot snapshot() {
        return new Snapshot(FileVersion.of(version), version == 0 ? null : hash);
    }

    public boolean live() {
        return version > 0 && hash != null;
    }
}
