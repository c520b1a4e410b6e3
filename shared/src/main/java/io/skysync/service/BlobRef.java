package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored object of a vault that holds (or should hold) the bytes of {@code hash}: the blob itself
 * ({@code vaults/<vault>/blobs/<hash>}), or a repair upload staged by one device
 * ({@code vaults/<vault>/repairs/<hash>/<device>}) that only the server promotes to the blob, after
 * checking its SHA-256 (see {@link BlobRepairs}).
 */
public record BlobRef(VaultId vault, ContentHash hash, Optional<DeviceId> stagedBy) {
    public BlobRef {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(stagedBy, "stagedBy");
    }

    public static BlobRef blob(VaultId vault, ContentHash hash) {
        return new BlobRef(vault, hash, Optional.empty());
    }

    public static BlobRef staged(VaultId vault, ContentHash hash, DeviceId device) {
        return new BlobRef(vault, hash, Optional.of(device));
    }

    /** The object's name in the store, the same on every cloud. */
    public String key() {
        return stagedBy.map(device -> "vaults/" + vault.value() + "/repairs/" + hash.hex() + "/" + device.value())
                .orElse("vaults/" + vault.value() + "/blobs/" + hash.hex());
    }

    /** The prefix under which the staged repair uploads of {@code hash} live. */
    public static String stagedPrefix(VaultId vault, ContentHash hash) {
        return "vaults/" + vault.value() + "/repairs/" + hash.hex() + "/";
    }
}
