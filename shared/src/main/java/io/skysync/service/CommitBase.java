package io.skysync.service;

import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.util.List;
import java.util.Map;

/**
 * What one commit round read of a vault ({@link ManifestStore#readForCommit}): the head's seq, read
 * first, then the current entries of some paths. Because every entry change moves the head, a
 * commit that finds the head still at {@link #seq()} also finds these entries unchanged. A store may
 * keep with it what it needs to write under exactly this read (Azure: the rows' ETags), so that
 * {@link ManifestStore#commit} reads nothing again.
 */
public interface CommitBase {

    Seq seq();

    /** Current entries (tombstones included) of the paths read; a path with no entry is absent. */
    Map<VaultPath, ManifestEntry> entries();

    /** A base with nothing beyond the values read, for stores whose writes need nothing else. */
    static CommitBase of(Seq seq, Map<VaultPath, ManifestEntry> entries) {
        return new Read(seq, Map.copyOf(entries));
    }

    /**
     * True if every write expects exactly the version this base read for its path (a path not read
     * counts as having no entry): the check every store makes before it writes, so a write never
     * lands over a version its caller did not see.
     */
    default boolean expects(List<EntryWrite> writes) {
        for (EntryWrite write : writes) {
            VaultPath path = write.entry().path();
            ManifestEntry read = entries().get(path);
            FileVersion stored = read == null ? FileVersion.NONE : read.version();
            if (!stored.equals(write.expectedVersion())) {
                return false;
            }
        }
        return true;
    }

    /** The plain base. */
    record Read(Seq seq, Map<VaultPath, ManifestEntry> entries) implements CommitBase {
    }
}
