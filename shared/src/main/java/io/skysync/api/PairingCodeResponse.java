package io.skysync.api;

/**
 * A fresh pairing code ({@code "1234-5678"}), shown once: the server keeps only its SHA-256. It
 * works once, until {@code expiresAt} (ISO-8601).
 */
public record PairingCodeResponse(String vault, String code, String role, String expiresAt) {
}
