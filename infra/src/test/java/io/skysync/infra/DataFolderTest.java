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

    /** A second open in the same process used to close a channel of the lock file, which drops the OS lock. */
    @Test
    @SuppressWarnings("try") // the resource is held, not used
    void open_whileOpenInThisProcess_keepsTheFolderLockedForOtherProcesses() throws Exception {
        Path dir = tmp.resolve("data");
        try (DataFolder first = DataFolder.open(dir)) {
            assertThatThrownBy(() -> DataFolder.open(dir)).hasMessageContaining("in use");

            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockAttemptMain.class.getName(), dir.resolve(DataFolder.LOCK).toString())
                    .redirectErrorStream(true).start();
            String out = new String(other.getInputStream().readAllBytes()).strip();

            assertThat(other.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("held");
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

    /** After {@code kill -9} the file names a port that anyone may bind next. */
    @Test
    @SuppressWarnings("try") // the resource is held, not used
    void open_afterACrash_removesTheStaleEndpointFileAtOnce() throws Exception {
        Path dir = tmp.resolve("data");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DataFolder.ENDPOINT), "http://127.0.0.1:4321\n");

        try (DataFolder folder = DataFolder.open(dir)) {
            assertThat(dir.resolve(DataFolder.ENDPOINT)).doesNotExist();
        }
    }

    @Test
    void instanceSecret_isNewOnEveryOpenOwnerOnlyAndRemovedOnClose() throws Exception {
        Path dir = tmp.resolve("data");
        Path file = dir.resolve(DataFolder.INSTANCE_SECRET);
        String first;
        try (DataFolder folder = DataFolder.open(dir)) {
            first = folder.instanceSecret();
            assertThat(Files.readString(file).strip()).isEqualTo(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(file).doesNotExist();
        try (DataFolder folder = DataFolder.open(dir)) {
            assertThat(folder.instanceSecret()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
        }
    }

    /** Whoever can write into the folder can replace the endpoint, the secrets and the lock file. */
    @Test
    void open_folderWritableByOtherUsers_isRefusedWithTheFix() throws Exception {
        Path dir = tmp.resolve("shared");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> DataFolder.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writable by other users").hasMessageContaining("chmod 700");
        assertThat(dir.resolve(DataFolder.LOCK)).doesNotExist();
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
