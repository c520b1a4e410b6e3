package io.skysync.service;

import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import java.util.Objects;

/**
 * One conditional write for {@link ManifestStore#commit}: store {@code entry} only if the path's
 * stored version is still {@code expectedVersion} ({@link FileVersion#NONE}: the path has no entry).
 * The service has already given {@code entry} its version ({@code expected + 1}) and seq.
 */
public record EntryWrite(FileVersion expectedVersion, ManifestEntry entry) {
    public EntryWrite {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(entry, "entry");
        if (entry.version().value() != expectedVersion.value() + 1) {
            throw new IllegalArgumentException("entry version must be expectedVersion + 1");
        }
    }
}
