package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
    @TempDir
    Path tmp;

    @Test
    void open_whileOpen_failsNamingTheRunningEndpoint() {
        Path dir = tmp.resolve("data");
        try (DataFolder first = DataFolder.open(dir)) {
            first.writeEndpoint(URI.create("http://127.0.0.1:4321"));

            assertThatThrownBy(() -> DataFolder.open(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another skysync backend")
                    .hasMessageContaining("http://127.0.0.1:4321");
        }
    }

    @Test
    void open_afterClose_succeedsAndTheEndpointFileIsGone() {
        Path dir = tmp.resolve("data");
        try (DataFolder first = DataFolder.open(dir)) {
            first.writeEndpoint(URI.create("http://127.0.0.1:4321"));
        }

        try (DataFolder second = DataFolder.open(dir)) {
            assertThat(DataFolder.readEndpoint(dir)).isEmpty();
            assertThat(second.path()).isEqualTo(dir.toAbsolutePath());
        }
    }

    @Test
    void bootstrapSecret_isGeneratedOnceOwnerOnlyAndKept() throws Exception {
        Path dir = tmp.resolve("data");
        String secret;
        try (DataFolder folder = DataFolder.open(dir)) {
            secret = folder.bootstrapSecret();
            assertThat(folder.bootstrapSecret()).isEqualTo(secret);
        }
        try (DataFolder folder = DataFolder.open(dir)) {
            assertThat(folder.bootstrapSecret()).isEqualTo(secret);
        }

        Path file = dir.resolve(DataFolder.BOOTSTRAP_SECRET);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file)).isEqualTo(secret + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void bootstrapSecret_emptyFile_isRefusedWithAFix() throws Exception {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DataFolder.BOOTSTRAP_SECRET), "\n");

        try (DataFolder folder = DataFolder.open(dir)) {
            assertThatThrownBy(folder::bootstrapSecret).hasMessageContaining("delete it");
        }
    }

    @Test
    void readEndpoint_stripsTheLineAndIgnoresGarbage() throws Exception {
        Files.writeString(tmp.resolve(DataFolder.ENDPOINT), "http://127.0.0.1:9\n");
        assertThat(DataFolder.readEndpoint(tmp)).contains(URI.create("http://127.0.0.1:9"));

        Files.writeString(tmp.resolve(DataFolder.ENDPOINT), "not a uri \\ at all");
        assertThat(DataFolder.readEndpoint(tmp)).isEmpty();
    }
}
