package io.skysync.client.sync;

/** A guard stopped the sync before anything was deleted; the message says how to confirm. */
public final class SafetyStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SafetyStop(String message) {
        super(message);
    }
}
