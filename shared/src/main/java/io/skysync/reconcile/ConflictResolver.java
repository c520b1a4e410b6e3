package io.skysync.reconcile;

import io.skysync.domain.ContentHash;
import java.util.Objects;

/** Turns a conflict and a policy into a decision. Pure and symmetric: swapping sides swaps the answer. */
public final class ConflictResolver {
    /** The outcome for the local side. */
    public enum Decision {
        /** Rename the local file to a conflict copy, then download the remote version. */
        KEEP_BOTH,
        /** Commit the local content over the remote version. */
        TAKE_LOCAL,
        /** Download the remote content over the local file. */
        TAKE_REMOTE
    }

    private ConflictResolver() {
    }

    public static Decision decide(ConflictPolicy policy, long localMtimeMillis, ContentHash local,
                                  long remoteMtimeMillis, ContentHash remote) {
        Objects.requireNonNull(policy, "policy");
        return switch (policy) {
            case KEEP_BOTH -> Decision.KEEP_BOTH;
            case KEEP_LOCAL -> Decision.TAKE_LOCAL;
            case KEEP_REMOTE -> Decision.TAKE_REMOTE;
            case NEWEST -> localWins(localMtimeMillis, local, remoteMtimeMillis, remote)
                    ? Decision.TAKE_LOCAL : Decision.TAKE_REMOTE;
        };
    }

    private static boolean localWins(long localMtime, ContentHash local, long remoteMtime, ContentHash remote) {
        if (localMtime != remoteMtime) {
            return localMtime > remoteMtime;
        }
        String l = local == null ? "" : local.hex();
        String r = remote == null ? "" : remote.hex();
        return l.compareTo(r) > 0;
    }
}
