package io.skysync.api;

/** {@code POST /v1/vaults/{vault}/devices/{id}/name}: the device's new name (an admin, or the device itself). */
public record DeviceNameRequest(String name) {
}
