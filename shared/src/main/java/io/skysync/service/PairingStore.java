package io.skysync.service;

import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Optional;

/**
 * Pairing codes and the per-vault attempt counter that locks brute force out. Every operation is
 * atomic on its own; {@link SyncService} decides. Every implementation must pass
 * {@code io.skysync.testing.PairingStoreContract} (in the shared test-jar).
 */
public interface PairingStore {

    /**
     * Stores a new code. An expired record may be removed by the store at any time after
     * {@link PairingCode#expiresAt()} (a TTL), but is never taken.
     *
     * @return false, with nothing written, if the vault already holds a record with this hash
     */
    boolean put(PairingCode code);

    /**
     * Deletes and returns the code with this hash if it exists and {@code now} is before its expiry,
     * in one atomic step: of two concurrent takes, at most one gets the record, so a code works once.
     * An expired record is never returned (it may be left for the TTL to remove).
     */
    Optional<PairingCode> take(VaultId vault, String codeHash, Instant now);

    /**
     * Adds one to the vault's attempt counter of {@code window} and returns the count after the
     * increment, atomically (n concurrent calls on a fresh window return 1..n). The store may drop
     * the counter after {@code expiresAt}.
     */
    long countAttempt(VaultId vault, long window, Instant expiresAt);
}
