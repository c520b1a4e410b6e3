package io.skysync.service;

import io.skysync.domain.ManifestEntry;
import java.util.Objects;

/**
 * The one rule, used by plan (its early {@code conflicts}) and by commit, of what an entry meets
 * in the manifest: the stored version is the entry's {@code baseVersion} (0: no entry) and the
 * write changes something → {@link Write}; the stored entry already holds the entry's content (the
 * same hash and size, or a deletion of what is deleted or never existed), whatever its version and
 * whoever wrote it → {@link AlreadyCurrent}, committed without a new version (a retried commit, or
 * two devices making the same change); otherwise → {@link Conflict}.
 */
final class CommitRule {
    private CommitRule() {
    }

    sealed interface Outcome {
    }

    /** Write the entry over {@code current} (null: the path has no entry yet). */
    record Write(ManifestEntry current) implements Outcome {
    }

    /** Nothing to write: {@code current} (null: no entry, for a deletion) already is the entry. */
    record AlreadyCurrent(ManifestEntry current) implements Outcome {
    }

    /** The stored version moved on to other content; {@code current} is null if the path has no entry. */
    record Conflict(ManifestEntry current) implements Outcome {
    }

    static Outcome decide(CommitCommand command, ManifestEntry current) {
        if (holdsTheSameContent(command, current)) {
            return new AlreadyCurrent(current);
        }
        long stored = current == null ? 0 : current.version().value();
        return stored == command.baseVersion().value() ? new Write(current) : new Conflict(current);
    }

    private static boolean holdsTheSameContent(CommitCommand command, ManifestEntry current) {
        if (command.deleted()) {
            return current == null || current.deleted();
        }
        return current != null && !current.deleted() && Objects.equals(current.hash(), command.hash())
                && current.size() == command.size();
    }
}
