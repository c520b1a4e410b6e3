package io.skysync.api;

/** {@code POST /v1/vaults/{vault}/devices/{id}/role}: the device's new role (admin only). */
public record RoleChangeRequest(String role) {
}
