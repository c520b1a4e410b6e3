package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which local backend a data folder belongs to, so a command never opens Azure data with the AWS stand-ins. */
class LocalBackendConnectorTest {
    @TempDir
    Path data;

    @Test
    void flavourOf_emptyFolder_isAws() {
        assertThat(LocalBackendConnector.flavourOf(data)).isEqualTo("aws");
    }

    @Test
    void flavourOf_onlyAzuriteData_isAzure() throws Exception {
        Files.createDirectories(data.resolve("azurite"));
        assertThat(LocalBackendConnector.flavourOf(data)).isEqualTo("azure");
    }

    @Test
    void flavourOf_awsData_isAws() throws Exception {
        Files.createDirectories(data.resolve("dynamodb"));
        assertThat(LocalBackendConnector.flavourOf(data)).isEqualTo("aws");
    }

    @Test
    void deviceIdOf_token_isThePartBeforeTheDot() {
        assertThat(VaultDevices.deviceIdOf("73d51abbd89cb819.bw77aJL5")).isEqualTo("73d51abbd89cb819");
        assertThat(VaultDevices.deviceIdOf("garbled")).isEmpty();
    }
}
