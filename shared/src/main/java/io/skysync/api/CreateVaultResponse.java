package io.skysync.api;

/** The new vault's admin device and its token. The token is shown once; the server keeps only its SHA-256. */
public record CreateVaultResponse(String vault, String deviceId, String deviceName, String role, String token) {
}
