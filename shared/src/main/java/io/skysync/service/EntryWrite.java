package io.skysync.service;

import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /**
     * Checks a batch against the rules of {@link ManifestStore#commit}: 1 to {@code maxWrites}
     * writes, distinct paths, seqs {@code expectedSeq + 1, + 2 ...} in order. Every store calls it
     * before it writes anything, so a service bug fails the same way on every backend.
     *
     * @throws IllegalArgumentException naming the broken rule (a bug in the caller, not bad input)
     */
    public static void checkBatch(Seq expectedSeq, List<EntryWrite> writes, int maxWrites) {
        Objects.requireNonNull(expectedSeq, "expectedSeq");
        if (writes.isEmpty() || writes.size() > maxWrites) {
            throw new IllegalArgumentException("a commit holds 1 to " + maxWrites + " writes, got " + writes.size());
        }
        Set<VaultPath> paths = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            ManifestEntry entry = writes.get(i).entry();
            if (!paths.add(entry.path())) {
                throw new IllegalArgumentException("the path " + entry.path() + " appears twice in one commit");
            }
            if (entry.seq().value() != expectedSeq.value() + i + 1) {
                throw new IllegalArgumentException("write " + i + " has seq " + entry.seq() + ", expected "
                        + (expectedSeq.value() + i + 1));
            }
        }
    }
}
