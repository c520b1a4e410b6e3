package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.emulators.AzuriteEmulator;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCompositionTest {

    @Test
    void fromEnvironment_withoutTable_saysWhichSettingIsMissing() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_CONTAINER", "c")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKYSYNC_TABLE");
    }

    @Test
    void fromEnvironment_blankContainer_countsAsMissing() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t", "SKYSYNC_CONTAINER", "  ")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKYSYNC_CONTAINER");
    }

    @Test
    void fromEnvironment_neitherAccountNorConnection_namesBothWays() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t", "SKYSYNC_CONTAINER", "c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SKYSYNC_STORAGE_ACCOUNT").hasMessageContaining("SKYSYNC_STORAGE_CONNECTION");
    }

    /**
     * App Service puts the reference text itself into the setting when it cannot resolve a Key
     * Vault reference (no role yet, vault unreachable). That text is no secret: it names the vault
     * and the version. It must disable vault creation, not become the bootstrap secret.
     */
    @Test
    void fromEnvironment_unresolvedKeyVaultReference_disablesVaultCreation() {
        String reference = "@Microsoft.KeyVault(SecretUri=https://kvskysync.vault.azure.net/secrets/bootstrap-secret/0123456789abcdef)";
        // Port 1 on loopback: nothing listens, so any storage call would fail rather than succeed.
        String storage = "DefaultEndpointsProtocol=http;AccountName=" + AzuriteEmulator.ACCOUNT + ";AccountKey="
                + "YSBrZXkgb2YgYSBzdG9yYWdlIGFjY291bnQgdGhhdCBub3RoaW5nIHNlcnZlcw==" + ";BlobEndpoint=http://127.0.0.1:1/" + AzuriteEmulator.ACCOUNT
                + ";TableEndpoint=http://127.0.0.1:1/" + AzuriteEmulator.ACCOUNT + ";";
        ApiResponse response;
        try (AzureComposition composition = AzureComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t",
                "SKYSYNC_CONTAINER", "c", "SKYSYNC_STORAGE_CONNECTION", storage, "SKYSYNC_BOOTSTRAP_SECRET", reference))) {
            response = composition.router().handle(new ApiRequest("POST", "/v1/vaults", Map.of(),
                    Map.of("Authorization", "Bearer " + reference, "Content-Type", "application/json"),
                    "{\"vault\":\"notes\",\"deviceName\":\"laptop\"}".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(response.status()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"forbidden\"");
    }
}
