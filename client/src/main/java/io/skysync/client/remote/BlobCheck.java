package io.skysync.client.remote;

/**
 * {@code POST /v1/vaults/{vault}/blobs/verify}: a device that downloaded bytes not matching their
 * hash asks the server to check the stored blob. {@code status}: {@code intact} (the stored bytes
 * are right: the transfer was at fault), {@code removed} (they were wrong and are gone; the vault
 * asks the next device that holds the content to upload it again), {@code absent} (no such blob).
 */
public final class BlobCheck {
    private BlobCheck() {
    }

    /** The request body. */
    public record Request(String hash) {
    }

    /** The answer. */
    public record Answer(String hash, String status) {
        public boolean removed() {
            return "removed".equals(status);
        }
    }
}
