package io.skysync.service;

import io.skysync.domain.ContentHash;
import java.time.Instant;
import java.util.Objects;

/** A blob as the storage lists it: its hash (the key), its size and when it was last written. */
public record StoredBlob(ContentHash hash, long size, Instant lastModified) {
    public StoredBlob {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
