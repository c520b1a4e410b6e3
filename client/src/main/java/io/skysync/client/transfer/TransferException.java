package io.skysync.client.transfer;

/** A transfer that failed for good (after retries), with a reason fit for the summary. */
public final class TransferException extends Exception {
    /**
     * Why it failed. {@link #EXPIRED}: ask the API for a fresh URL and try again. {@link #MISSING}:
     * the storage has no such blob. {@link #CHECKSUM}: the bytes are not the content they claim to
     * be. {@link #LOCAL_IO}: this machine's disk, never worth a retry.
     */
    public enum Kind { EXPIRED, CHECKSUM, MISSING, REFUSED, NETWORK, LOCAL_IO }

    private final Kind kind;

    public TransferException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransferException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
