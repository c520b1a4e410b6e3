package io.skysync.api;

/** {@code POST /v1/vaults} with the deployment's bootstrap secret: creates a vault and its first (admin) device. */
public record CreateVaultRequest(String vault, String deviceName) {
}
