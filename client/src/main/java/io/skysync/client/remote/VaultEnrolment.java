package io.skysync.client.remote;

import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.VaultId;
import java.net.URI;
import okhttp3.OkHttpClient;

/**
 * Getting a device token for a folder. Today the only way is creating the vault with the
 * deployment's bootstrap secret; joining an existing vault as a new device (pairing) adds one
 * method here and one command.
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
}
