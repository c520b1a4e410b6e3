package io.skysync.api;

/**
 * {@code POST /v1/pair}: exchanges a pairing code for a device token. Needs no Authorization
 * header: the code is the credential. {@code code} is 8 digits; spaces and dashes are ignored.
 */
public record PairRequest(String vault, String code, String deviceName) {
}
