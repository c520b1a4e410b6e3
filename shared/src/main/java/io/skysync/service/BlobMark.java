package io.skysync.service;

import io.skysync.domain.ContentHash;
import java.time.Instant;
import java.util.Objects;

/**
 * A clean-up mark on a blob (see docs/devices.md, "Clean-up and the upload/commit race"):
 * {@code doomed = false} is phase 1 (unreferenced since {@code markedAt}; a plan or a commit that
 * wants the blob removes the mark and keeps it); {@code doomed = true} is phase 2 (the clean-up has
 * claimed it: plan and commit treat the blob as missing until the record is gone).
 */
public record BlobMark(ContentHash hash, Instant markedAt, boolean doomed) {
    public BlobMark {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(markedAt, "markedAt");
    }

    public BlobMark asDoomed() {
        return new BlobMark(hash, markedAt, true);
    }
}
