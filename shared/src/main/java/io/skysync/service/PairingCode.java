package io.skysync.service;

import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pairing code as the server keeps it: never the code, only its SHA-256 ({@link Pairing#hash}),
 * the role the new device will get, who asked for it, and when it stops working.
 */
public record PairingCode(VaultId vault, String codeHash, Role role, DeviceId createdBy, Instant expiresAt) {
    public PairingCode {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!codeHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("codeHash must be 64 lower-case hex characters");
        }
    }
}
