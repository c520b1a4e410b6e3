package io.skysync.api;

/** A newly enrolled device and its token; the token is shown once, the server keeps only its SHA-256. */
public record DeviceTokenResponse(String vault, String deviceId, String deviceName, String role, String token) {
}
