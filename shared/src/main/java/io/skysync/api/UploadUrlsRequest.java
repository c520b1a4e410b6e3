package io.skysync.api;

import java.util.List;

/** {@code POST /upload-urls}: the blobs a writer device is about to commit, by hash and size. */
public record UploadUrlsRequest(List<BlobRef> blobs) {
    /** One blob: its SHA-256 (64 lower-case hex characters) and its size in bytes. */
    public record BlobRef(String hash, Long size) {
    }
}
