package io.skysync.service;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Objects;

/**
 * A vault's head record: its current seq (the last committed) and its log floor: every change
 * with seq greater than {@code logFloor} is still in the change log, so a cursor is valid while
 * {@code logFloor <= cursor <= seq}. Retention raises the floor; it starts at 0.
 */
public record VaultMeta(VaultId vault, Seq seq, Seq logFloor, Instant createdAt) {
    public VaultMeta {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(seq, "seq");
        Objects.requireNonNull(logFloor, "logFloor");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
