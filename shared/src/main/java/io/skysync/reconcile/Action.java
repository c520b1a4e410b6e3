package io.skysync.reconcile;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;

/** What to do with one path so that both sides agree. Produced by {@link Reconciler}. */
public sealed interface Action {

    /** Both sides already agree with the ancestor. */
    record Nothing() implements Action {
    }

    /** Both sides hold the same content now (the same change on both, or both deleted): record the remote version as synced. */
    record Adopt(FileVersion remoteVersion) implements Action {
    }

    /** Commit the local content over {@code baseVersion} (0 for a create). */
    record Upload(FileVersion baseVersion) implements Action {
    }

    /** Fetch the remote content and place it, unless the local file changed meanwhile. */
    record Download(FileVersion remoteVersion, ContentHash content) implements Action {
    }

    /** The remote deleted a file that is unchanged here: delete it locally. */
    record DeleteLocal(FileVersion remoteVersion) implements Action {
    }

    /** The file was deleted here and is unchanged remotely: commit a tombstone over {@code baseVersion}. */
    record DeleteRemote(FileVersion baseVersion) implements Action {
    }

    /** Both sides changed to different contents: the conflict policy decides. */
    record Conflict(ConflictKind kind, FileVersion remoteVersion, ContentHash remoteContent) implements Action {
    }

    Nothing NOTHING = new Nothing();
}
