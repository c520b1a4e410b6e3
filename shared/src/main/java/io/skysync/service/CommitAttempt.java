package io.skysync.service;

/** What {@link ManifestStore#commit} did: all of the batch, or none of it. */
public enum CommitAttempt {
    /** Every write and the new head were stored atomically. */
    APPLIED,
    /**
     * Nothing was written: the head is no longer the base's seq (another commit, or the clean-up
     * raising the log floor, came first), or an entry is not at the version the base read. The
     * caller reads a fresh {@link CommitBase} and decides again; backing off is the caller's
     * ({@link RetryPolicy}), not the store's.
     */
    STALE
}
