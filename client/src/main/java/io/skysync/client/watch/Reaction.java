package io.skysync.client.watch;

/** What a watcher does about a failed sync or a failed ask for changes. */
enum Reaction {
    /** A server that is down, a lost network, a busy vault, a file system hiccup: try again later. */
    RETRY,
    /** A safety guard stopped the sync: wait for the next local change (or the periodic rescan). */
    BLOCKED,
    /** The server refused this device's token: stop, a person has to pair the device again. */
    REVOKED,
    /** The folder is gone or no longer mounted: stop, never take that for "everything deleted". */
    ROOT_GONE,
    /** Anything else that retrying cannot fix (a broken config, an unknown vault): stop. */
    FATAL
}
