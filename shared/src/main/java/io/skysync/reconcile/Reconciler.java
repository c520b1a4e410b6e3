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
        return reconcile(ancestor, local, remote, Snapshot.ABSENT);
    }

    /**
     * The same rule, told what the path's history says about the local content.
     *
     * @param past the newest earlier remote version whose content is the local content, if the
     *             caller read the path's history ({@link Snapshot#ABSENT} if it did not, or none
     *             is). A version newer than the ancestor (and not newer than the remote) means the
     *             local file <em>is</em> that version: this device made or received it and lost the
     *             record (a lost index, a crash after a commit). It becomes the ancestor, so a
     *             remote change since is applied instead of being undone or taken for a conflict.
     *             An older one settles a would-be conflict for the remote: the remote descends from it.
     */
    public static Action reconcile(Snapshot ancestor, ContentHash local, Snapshot remote, Snapshot past) {
        Objects.requireNonNull(ancestor, "ancestor");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(past, "past");
        boolean inRemoteLineage = local != null && local.equals(past.content()) && past.version().compareTo(remote.version()) <= 0;
        boolean localIsPast = inRemoteLineage && past.version().compareTo(ancestor.version()) > 0;
        Action action = decide(localIsPast ? past : ancestor, local, remote);
        if (action instanceof Action.Conflict conflict && inRemoteLineage) {
            // Both changed, but the local content is an older version of this very path, which the remote
            // version descends from: taking the remote loses nothing (the old content stays in history).
            return new Action.Download(remote.version(), conflict.remoteContent());
        }
        return action;
    }

    private static Action decide(Snapshot ancestor, ContentHash local, Snapshot remote) {
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
                // A deletion leaves a tombstone; a synced path the manifest does not list at all was
                // lost (a restored backup, a listing that left it out): upload it again, never delete.
                return remote.version().isNone() ? new Action.Upload(remote.version())
                        : new Action.DeleteLocal(remote.version());
            }
            return new Action.Download(remote.version(), theirs);
        }
        // Both sides changed.
        if (local == null && theirs == null && remote.version().isNone() && base != null) {
            // Deleted here, not listed there: the deletion is still sent. Where the entry is really gone it
            // changes nothing; where a listing left it out, the commit's conflict shows the entry to settle.
            return new Action.DeleteRemote(remote.version());
        }
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
