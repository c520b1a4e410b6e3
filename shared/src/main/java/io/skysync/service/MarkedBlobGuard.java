package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plan/commit side of the two-phase clean-up: an unmarked blob is usable; a phase-1 mark is
 * taken away (the blob is wanted again) and the blob is usable once it is unmarked; a doomed blob
 * is missing. The argument why this is safe is in docs/devices.md.
 */
public final class MarkedBlobGuard implements BlobGuard {
    private final BlobMarks marks;

    public MarkedBlobGuard(BlobMarks marks) {
        this.marks = Objects.requireNonNull(marks, "marks");
    }

    @Override
    public Set<ContentHash> usable(VaultId vault, Set<ContentHash> wanted) {
        if (wanted.isEmpty()) {
            return wanted;
        }
        Map<ContentHash, BlobMark> found = marks.marks(vault, wanted);
        if (found.isEmpty()) {
            return wanted;
        }
        Set<ContentHash> usable = new HashSet<>(wanted);
        for (BlobMark mark : found.values()) {
            if (!rescue(vault, mark)) {
                usable.remove(mark.hash());
            }
        }
        return usable;
    }

    /**
     * True if the blob ends up unmarked: our delete of its phase-1 mark won, or another caller's did.
     * (If the record vanished because the clean-up finished deleting the blob, the presence check
     * that follows the guard finds it missing.)
     */
    private boolean rescue(VaultId vault, BlobMark mark) {
        if (mark.doomed()) {
            return false;
        }
        if (marks.remove(vault, mark)) {
            return true;
        }
        return marks.marks(vault, Set.of(mark.hash())).isEmpty();
    }
}
