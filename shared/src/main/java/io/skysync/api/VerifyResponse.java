package io.skysync.api;

/**
 * The server's check of a stored blob: {@code intact} (its bytes are the content of {@code hash}),
 * {@code removed} (they were not, and are gone; the vault asks devices that hold the content to
 * upload it again, see {@code PlanResponse.repairs}) or {@code absent} (no blob under that hash).
 */
public record VerifyResponse(String hash, String status) {
    public static final String INTACT = "intact";
    public static final String REMOVED = "removed";
    public static final String ABSENT = "absent";
}
