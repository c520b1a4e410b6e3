package io.skysync.client.config;

import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.reconcile.ConflictPolicy;
import java.util.Objects;

/**
 * The settings of one synced folder, as stored in {@code DIR/.skysync/config.toml}.
 *
 * @param endpoint         the API's base URL, or {@code local} for the embedded local backend
 * @param vault            the vault this folder syncs with
 * @param device           this device's name (used in conflict copy names)
 * @param onConflict       the default conflict policy
 * @param maxDeletePercent a sync that would delete more than this share of the vault's files stops
 * @param role             this device's role as last heard from the server; null if not known (a
 *                         folder initialized by an older client), which counts as a writer until
 *                         the server says otherwise
 */
public record FolderConfig(String endpoint, VaultId vault, String device, ConflictPolicy onConflict, int maxDeletePercent,
                           Role role) {
    public static final String LOCAL = "local";
    public static final int DEFAULT_MAX_DELETE_PERCENT = 50;

    public FolderConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(onConflict, "onConflict");
        if (device.isBlank() || device.length() > 64) {
            throw new IllegalArgumentException("a device name has 1 to 64 characters");
        }
        if (maxDeletePercent < 0 || maxDeletePercent > 100) {
            throw new IllegalArgumentException("max-delete is a percentage from 0 to 100");
        }
    }

    public FolderConfig(String endpoint, VaultId vault, String device, ConflictPolicy onConflict, int maxDeletePercent) {
        this(endpoint, vault, device, onConflict, maxDeletePercent, null);
    }

    public FolderConfig withDevice(String newDevice) {
        return new FolderConfig(endpoint, vault, newDevice, onConflict, maxDeletePercent, role);
    }

    public FolderConfig withRole(Role newRole) {
        return new FolderConfig(endpoint, vault, device, onConflict, maxDeletePercent, newRole);
    }

    /** A read-only device only pulls: its local changes stay local. */
    public boolean readOnly() {
        return role == Role.READ_ONLY;
    }

    public boolean isLocal() {
        return LOCAL.equals(endpoint);
    }
}
