package io.skysync.reconcile;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import java.util.Objects;

/**
 * One file as a side of the reconcile sees it: its manifest version and its content
 * ({@code null} when the file is absent or a tombstone). Used for the ancestor (what this device
 * last synced) and for the remote (the manifest now).
 */
public record Snapshot(FileVersion version, ContentHash content) {
    public static final Snapshot ABSENT = new Snapshot(FileVersion.NONE, null);

    public Snapshot {
        Objects.requireNonNull(version, "version");
        if (version.isNone() && content != null) {
            throw new IllegalArgumentException("a file with content has a version >= 1");
        }
    }

    public static Snapshot of(ManifestEntry entry) {
        return entry == null ? ABSENT : new Snapshot(entry.version(), entry.contentOrNull());
    }

    public static Snapshot live(long version, ContentHash content) {
        return new Snapshot(FileVersion.of(version), Objects.requireNonNull(content, "content"));
    }

    public static Snapshot tombstone(long version) {
        return new Snapshot(FileVersion.of(version), null);
    }

    public boolean exists() {
        return content != null;
    }
}
