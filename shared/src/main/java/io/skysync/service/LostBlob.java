package io.skysync.service;

import io.skysync.domain.ContentHash;
import java.time.Instant;
import java.util.Objects;

/**
 * A vault's record that it lost the content of {@code hash} (the stored bytes did not match, or
 * the blob was gone while an entry still referenced it) since {@code since}: plans ask writer
 * devices that hold the content to upload it again, until it is back and verified.
 */
public record LostBlob(ContentHash hash, Instant since) {
    public LostBlob {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(since, "since");
    }
}
