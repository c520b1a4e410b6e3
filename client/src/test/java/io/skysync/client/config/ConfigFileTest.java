package io.skysync.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.VaultId;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
    @TempDir
    Path root;

    private void config(String maxDelete) throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.writeString(root.resolve(".skysync/config.toml"), "endpoint = 'local'\nvault = 'v'\ndevice = 'd'\n"
                + "on_conflict = 'keep-both'\n" + (maxDelete == null ? "" : "max_delete_percent = " + maxDelete + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"50\"", "150", "-1", "2.5", "true"})
    void read_maxDeletePercentThatIsNotAPercentage_isRefusedAndNamed(String value) throws IOException {
        config(value);

        assertThatThrownBy(() -> ConfigFile.read(root)).isInstanceOf(UserError.class)
                .hasMessageContaining("max_delete_percent must be a whole number from 0 to 100")
                .hasMessageContaining(ConfigFile.of(root).toString());
    }

    @Test
    void read_maxDeletePercent_isRead_andDefaultsTo50() throws IOException {
        config("0");
        assertThat(ConfigFile.read(root).maxDeletePercent()).isZero();
        config("100");
        assertThat(ConfigFile.read(root).maxDeletePercent()).isEqualTo(100);
        config(null);
        assertThat(ConfigFile.read(root).maxDeletePercent()).isEqualTo(FolderConfig.DEFAULT_MAX_DELETE_PERCENT);
    }

    /**
     * The watcher refreshes the role in the config while a command without the folder lock (devices
     * role, rename) writes it too: every write lands whole, none fails, no temp file is left.
     * Before, both used one temp name, so one moved the other's half-written file or failed.
     */
    @Test
    void write_bySeveralWritersAtOnce_neverFailsAndLeavesAWholeConfig() throws Exception {
        FolderConfig config = new FolderConfig("https://api.example", new VaultId("notes"), "laptop",
                ConflictPolicy.NEWEST, 30);
        ConfigFile.write(root, config);

        List<Throwable> failures = TokenStoreTest.concurrently(8, 200, () -> {
            ConfigFile.write(root, config);
            assertThat(ConfigFile.read(root)).isEqualTo(config);
        });

        assertThat(failures).isEmpty();
        try (Stream<Path> left = Files.list(ConfigFile.of(root).getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("config.toml");
        }
    }

    @Test
    void writeThenRead_roundTrips() throws IOException {
        FolderConfig config = new FolderConfig("https://api.example", new VaultId("notes"), "laptop",
                ConflictPolicy.NEWEST, 30);

        ConfigFile.write(root, config);

        assertThat(ConfigFile.read(root)).isEqualTo(config);
    }
}
