package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;

/** What the engine will do for one path, decided before anything is touched (by {@link Planner}). */
public sealed interface Step {
    VaultPath path();

    /** Commit the local content ({@code local}) or a tombstone ({@code local == null}) over {@code base}. */
    record Commit(VaultPath path, FileVersion base, LocalFile local, RemoteFile remote) implements Step {
        public boolean deletion() {
            return local == null;
        }
    }

    /** Place the remote content, if the local file is still {@code expectedLocal} (null: still absent). */
    record Fetch(VaultPath path, RemoteFile remote, LocalFile expectedLocal) implements Step {
        /** The name to write on disk: the one already there (it may be NFD), else the vault path. */
        public String localName() {
            return expectedLocal != null ? expectedLocal.localName() : path.value();
        }
    }

    /** Delete the local file, if it is still {@code expectedLocal}. */
    record RemoveLocal(VaultPath path, RemoteFile remote, LocalFile expectedLocal) implements Step {
    }

    /**
     * The content agrees but the remote version has other metadata (a {@code touch} elsewhere): set the
     * local file's modification time to the remote's in place, if it is still {@code expectedLocal}.
     */
    record Touch(VaultPath path, RemoteFile remote, LocalFile expectedLocal) implements Step {
    }

    /** Both sides already agree: record the remote version as synced. */
    record Adopt(VaultPath path, RemoteFile remote) implements Step {
    }

    /**
     * A conflict under keep-both: the local file is renamed to {@code copy} (on disk {@code copyLocalName})
     * and committed as a new file; the remote version takes the name.
     */
    record KeepBoth(VaultPath path, RemoteFile remote, LocalFile local, VaultPath copy, String copyLocalName)
            implements Step {
    }

    /** Left for a later run: a change one direction of the run does not carry, a conflict it cannot settle. */
    record Hold(VaultPath path, String reason, Why why) implements Step {
        /** Why it waits; a conflict or a read-only device's change is reported as such. */
        public enum Why { OTHER_DIRECTION, CONFLICT, READ_ONLY }

        public boolean conflict() {
            return why == Why.CONFLICT;
        }
    }

    /** Nothing can be done for this path in this run (no conflict copy name fits, its history could not be read). */
    record Fail(VaultPath path, String reason) implements Step {
    }
}
