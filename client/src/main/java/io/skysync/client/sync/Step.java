package io.skysync.client.sync;

import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;

/** What the engine will do for one path, decided before anything is touched. */
public sealed interface Step {
    VaultPath path();

    /** Commit the local content ({@code local}) or a tombstone ({@code local == null}) over {@code base}. */
    record Commit(VaultPath path, long base, LocalFile local, RemoteFile remote) implements Step {
        public boolean deletion() {
            return local == null;
        }
    }

    /** Place the remote content, if the local file is still {@code expectedLocal} (null: still absent). */
    record Fetch(VaultPath path, RemoteFile remote, LocalFile expectedLocal) implements Step {
    }

    /** Delete the local file, if it is still {@code expectedLocal}. */
    record RemoveLocal(VaultPath path, RemoteFile remote, LocalFile expectedLocal) implements Step {
    }

    /** Both sides already agree: record the remote version as synced. */
    record Adopt(VaultPath path, RemoteFile remote) implements Step {
    }

    /** A conflict under keep-both: the local file becomes a conflict copy, the remote version takes the name. */
    record KeepBoth(VaultPath path, RemoteFile remote, LocalFile local) implements Step {
    }

    /** Left for a later run (push/pull one way, a conflict a one-way run cannot settle, a case clash). */
    record Hold(VaultPath path, String reason, boolean conflict) implements Step {
    }
}
