package io.skysync.api;

/**
 * The outcome for one entry: {@code committed} (with its version and seq), {@code conflict} (with the
 * remote entry that won) or {@code missing_blob} (upload the blob, then commit again).
 */
public record CommitResultDto(String path, String status, Long version, Long seq, EntryDto remote) {
    public static final String COMMITTED = "committed";
    public static final String CONFLICT = "conflict";
    public static final String MISSING_BLOB = "missing_blob";
}
