package io.skysync.client.watch;

/** Why a watcher stopped. */
public enum Outcome {
    /** Asked to (Ctrl-C, SIGTERM): exit 0. */
    STOPPED,
    /** The server refused the device's token. */
    REVOKED,
    /** The folder is gone or no longer mounted. */
    ROOT_GONE,
    /** A failure retrying cannot fix. */
    FATAL;

    /** Anything but a requested stop needs a person: exit 2, which the service units do not restart. */
    public int exitCode() {
        return this == STOPPED ? 0 : 2;
    }
}
