package io.skysync.client.remote;

import io.skysync.api.DeviceDto;
import io.skysync.api.DeviceNameRequest;
import io.skysync.api.DevicesResponse;
import io.skysync.api.PairingCodeRequest;
import io.skysync.api.PairingCodeResponse;
import io.skysync.api.RoleChangeRequest;
import io.skysync.domain.DeviceId;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The devices of one vault, as a device of it sees them: list, pairing codes, revocation, roles, names.
 * Kept apart from {@link RemoteVault}, which is only what a sync needs.
 */
public final class VaultDevices {
    private final ApiClient api;
    private final VaultId vault;

    public VaultDevices(ApiClient api, VaultId vault) {
        this.api = api;
        this.vault = vault;
    }

    private HttpUrl.Builder url(String action) {
        return api.url().addPathSegments("v1/vaults").addPathSegment(vault.value()).addPathSegments(action);
    }

    public DevicesResponse list() {
        return api.get(url("devices").build(), DevicesResponse.class);
    }

    public PairingCodeResponse pairingCode(Role role) {
        return api.post(url("pairing-codes").build(), new PairingCodeRequest(role.wireName()), PairingCodeResponse.class);
    }

    public DeviceDto revoke(DeviceId device) {
        return api.post(url("devices").addPathSegment(device.value()).addPathSegment("revoke").build(), Map.of(),
                DeviceDto.class);
    }

    public DeviceDto changeRole(DeviceId device, Role role) {
        return api.post(url("devices").addPathSegment(device.value()).addPathSegment("role").build(),
                new RoleChangeRequest(role.wireName()), DeviceDto.class);
    }

    public DeviceDto rename(DeviceId device, String name) {
        return api.post(url("devices").addPathSegment(device.value()).addPathSegment("name").build(),
                new DeviceNameRequest(name), DeviceDto.class);
    }

    /** The device id a token belongs to: tokens are {@code <deviceId>.<secret>}. */
    public static String deviceIdOf(String token) {
        int dot = token.indexOf('.');
        return dot > 0 ? token.substring(0, dot) : "";
    }
}
