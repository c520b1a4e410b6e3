package io.skysync.reconcile;

import io.skysync.domain.ContentHash;
import java.util.Objects;

/**
 * The three-way reconcile rule: (ancestor, local, remote) to one {@link Action}. Pure, no I/O, the
 * same answer for the same input. Changes are judged by content, not by timestamps; versions only
 * carry the condition for the next commit. The table it implements is in {@code docs/reconcile.md}.
 */
public final class Reconciler {
    private Reconciler() {
    }

    /**
     * @param ancestor what this device last synced for the path ({@link Snapshot#ABSENT} if never)
     * @param local    the local content now, {@code null} if the file is absent
     * @param remote   the manifest's entry now ({@link Snapshot#ABSENT} if it never existed)
     */
    public static Action reconcile(Snapshot ancestor, ContentHash local, Snapshot remote) {
        Objects.requireNonNull(ancestor, "ancestor");
        Objects.requireNonNull(remote, "remote");
        ContentHash base = ancestor.content();
        ContentHash theirs = remote.content();
        boolean localChanged = !Objects.equals(local, base);
        boolean remoteChanged = !Objects.equals(theirs, base);

        if (!localChanged && !remoteChanged) {
            return remote.version().equals(ancestor.version()) ? Action.NOTHING : new Action.Adopt(remote.version());
        }
        if (localChanged && !remoteChanged) {
            if (local == null) {
                return new Action.DeleteRemote(remote.version());
            }
            return new Action.Upload(remote.version());
        }
        if (!localChanged) {
            if (theirs == null) {
                return new Action.DeleteLocal(remote.version());
            }
            return new Action.Download(remote.version(), theirs);
        }
        // Both sides changed.
        if (Objects.equals(local, theirs)) {
            return new Action.Adopt(remote.version());
        }
        if (local == null) {
            // Deleted here, modified there: the modification wins.
            return new Action.Download(remote.version(), theirs);
        }
        if (theirs == null) {
            // Modified here, deleted there: the modification wins, committed over the tombstone.
            return new Action.Upload(remote.version());
        }
        ConflictKind kind = base == null ? ConflictKind.CREATE_CREATE : ConflictKind.MODIFY_MODIFY;
        return new Action.Conflict(kind, remote.version(), theirs);
    }
}
