package io.skysync.api;

/**
 * {@code POST /v1/vaults/{vault}/devices}: enrols a new device directly, authorized by the
 * deployment's bootstrap secret or by a device allowed to pair that role. {@code role} defaults to
 * {@code member}. (Pairing codes, for devices that hold neither, come on top of this.)
 */
public record AddDeviceRequest(String name, String role) {
}
