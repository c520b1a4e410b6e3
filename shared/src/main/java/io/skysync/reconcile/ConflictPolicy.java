package io.skysync.reconcile;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.Locale;

/** How a client settles a conflict. */
public enum ConflictPolicy {
    /** The remote version keeps the name; the local one becomes a conflict copy that is synced too. */
    KEEP_BOTH,
    /** The local version is committed over the remote one (which stays in history). */
    KEEP_LOCAL,
    /** The remote version replaces the local one (the local content is lost unless it was committed before). */
    KEEP_REMOTE,
    /** The version with the later modification time wins; ties go to the larger hash so every device agrees. */
    NEWEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ConflictPolicy fromWireName(String wire) {
        for (ConflictPolicy policy : values()) {
            if (policy.wireName().equals(wire)) {
                return policy;
            }
        }
        throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                "unknown conflict policy \"" + wire + "\": use keep-both, keep-local, keep-remote or newest");
    }
}
