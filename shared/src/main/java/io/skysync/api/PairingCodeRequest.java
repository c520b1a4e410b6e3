package io.skysync.api;

/**
 * {@code POST /v1/vaults/{vault}/pairing-codes}: a one-time code for a new device of this role
 * ({@code member} if absent). The caller's role must be allowed to pair it.
 */
public record PairingCodeRequest(String role) {
}
