package io.skysync.api;

/**
 * The outcome for one entry: {@link CommitStatus#COMMITTED} (with its version and seq),
 * {@link CommitStatus#CONFLICT} (with the remote entry that won) or {@link CommitStatus#MISSING_BLOB}
 * (upload the blob, then commit again).
 */
public record CommitResultDto(String path, CommitStatus status, Long version, Long seq, EntryDto remote) {
    /** Short names for the statuses, so the server's call sites read as before. */
    public static final CommitStatus COMMITTED = CommitStatus.COMMITTED;
    public static final CommitStatus CONFLICT = CommitStatus.CONFLICT;
    public static final CommitStatus MISSING_BLOB = CommitStatus.MISSING_BLOB;
}
