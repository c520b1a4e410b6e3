package io.skysync.service;

import io.skysync.domain.VaultPath;
import java.util.Set;

/** What {@link ManifestStore#commit} did: all of the batch, or none of it and why. */
public sealed interface CommitAttempt {

    /** Every write and the new seq were stored atomically. */
    record Applied() implements CommitAttempt {
    }

    /** Another commit moved the vault's seq first; nothing was written. Re-read and retry. */
    record SeqMoved() implements CommitAttempt {
    }

    /** These paths no longer had their expected version; nothing was written. */
    record EntryConflicts(Set<VaultPath> paths) implements CommitAttempt {
        public EntryConflicts {
            paths = Set.copyOf(paths);
        }
    }

    Applied APPLIED = new Applied();
    SeqMoved SEQ_MOVED = new SeqMoved();
}
