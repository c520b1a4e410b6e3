package io.skysync.service;

import io.skysync.domain.ManifestEntry;
import java.util.Objects;

/**
 * The one rule, used by plan (its early {@code conflicts}) and by commit, of what an entry meets
 * in the manifest: the stored version is the entry's {@code baseVersion} (0: no entry) and the
 * write changes something → {@link Write}; the stored entry already holds the entry's content (the
 * same hash and size, or a deletion of what is deleted or never existed), whatever its version and
 * whoever wrote it → {@link AlreadyCurrent}, committed without a new version (a retried commit, or
 * two devices making the same change); otherwise → {@link Conflict}. Metadata (the modification
 * time and the executable bit) is part of a version: the same content with other metadata at the
 * stored version is a {@link Write} (a metadata-only version, no bytes), and over a stale version a
 * {@link Conflict} (the command carries metadata it did not change). Metadata a command does not
 * send (mtime 0, no bit) is metadata it does not change.
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
        long stored = current == null ? 0 : current.version().value();
        boolean atBase = stored == command.baseVersion().value();
        if (holdsTheSameContent(command, current)) {
            if (command.deleted() || sameMetadata(command, current)) {
                return new AlreadyCurrent(current);
            }
            // Other metadata over a stale base is a conflict, never a write: a device sends its bit and
            // time whether it changed them or not, so a write would undo a newer version's chmod it never
            // saw (and a replayed commit would add a version each time). Nor is it already current: the
            // device would keep a time nobody else sees. It weighs the stored entry (docs/reconcile.md).
            return atBase ? new Write(current) : new Conflict(current);
        }
        return atBase ? new Write(current) : new Conflict(current);
    }

    private static boolean sameMetadata(CommitCommand command, ManifestEntry current) {
        return (command.mtime() == 0 || command.mtime() == current.mtimeMillis())
                && (command.executable() == null || command.executable().equals(current.executable()));
    }

    /** True if {@code current} already holds the command's content (or deletion): the same hash and size. */
    static boolean holdsTheSameContent(CommitCommand command, ManifestEntry current) {
        if (command.deleted()) {
            return current == null || current.deleted();
        }
        return current != null && !current.deleted() && Objects.equals(current.hash(), command.hash())
                && current.size() == command.size();
    }
}
