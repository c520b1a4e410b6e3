package io.skysync.client.remote;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.PairRequest;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import java.net.URI;
import okhttp3.OkHttpClient;

/**
 * Getting a device token for a folder, in the three ways the API offers: creating the vault with
 * the deployment's bootstrap secret, enrolling a new device into an existing vault with that
 * secret (or another device's token), and exchanging a one-time pairing code.
 */
public final class VaultEnrolment {
    private final OkHttpClient http;
    private final Backoff backoff;

    public VaultEnrolment(OkHttpClient http, Backoff backoff) {
        this.http = http;
        this.backoff = backoff;
    }

    /** {@code POST /v1/vaults}: creates the vault with this device as its admin. Fails with {@code CONFLICT} if it exists. */
    public CreateVaultResponse createVault(URI endpoint, String bootstrapSecret, VaultId vault, String deviceName) {
        ApiClient api = new ApiClient(http, endpoint, bootstrapSecret, backoff);
        return api.post(api.url().addPathSegments("v1/vaults").build(),
                new CreateVaultRequest(vault.value(), deviceName), CreateVaultResponse.class);
    }

    /**
     * {@code POST /v1/vaults/{vault}/devices}: a new device of an existing vault, with its own token.
     *
     * @param credential the bootstrap secret, or the token of a device allowed to pair {@code role}
     */
    public DeviceTokenResponse addDevice(URI endpoint, String credential, VaultId vault, String deviceName, Role role) {
        ApiClient api = new ApiClient(http, endpoint, credential, backoff);
        return api.post(api.url().addPathSegments("v1/vaults").addPathSegment(vault.value()).addPathSegment("devices").build(),
                new AddDeviceRequest(deviceName, role.wireName()), DeviceTokenResponse.class);
    }

    /** {@code POST /v1/pair}: exchanges a one-time pairing code for this device's own token (no credential needed). */
    public DeviceTokenResponse pair(URI endpoint, VaultId vault, String code, String deviceName) {
        ApiClient api = new ApiClient(http, endpoint, null, backoff);
        return api.post(api.url().addPathSegments("v1/pair").build(),
                new PairRequest(vault.value(), code, deviceName), DeviceTokenResponse.class);
    }
}
