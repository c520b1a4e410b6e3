package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.EntryDto;
import io.skysync.client.config.UserError;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.testing.Device;
import io.skysync.client.testing.FakeBackend;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restoring an old version: staged like any download, never over unsynced local changes. */
class RestorerTest {
    private static final AtomicInteger VAULTS = new AtomicInteger();
    private static FakeBackend backend;

    @TempDir
    Path temp;
    Device device;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = FakeBackend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void device() throws IOException {
        String vault = "r" + VAULTS.incrementAndGet();
        device = new Device(Files.createDirectory(temp.resolve("d")), backend.endpoint(), vault, backend.createVault(vault, "d"), "d");
        device.write("keep.txt", "k").write("essay.txt", "draft one");
        device.sync();
        device.write("essay.txt", "draft two");
        device.sync();
    }

    private EntryDto version(long n) {
        List<EntryDto> versions = device.remote().history(VaultPath.of("essay.txt"), 10).versions();
        return versions.stream().filter(v -> v.version() == n).findFirst().orElseThrow();
    }

    private IndexRow row(String path) {
        try (SqliteIndexStore index = SqliteIndexStore.open(device.root.resolve(".skysync/index.db"))) {
            return index.load().get(VaultPath.of(path));
        }
    }

    @Test
    void restore_oldVersionOverTheSyncedFile_placesIt_andTheNextSyncCommitsIt() throws Exception {
        new Restorer(device.remote(), device.transfers(), device.root)
                .restore(VaultPath.of("essay.txt"), version(1), row("essay.txt"));

        assertThat(device.read("essay.txt")).isEqualTo("draft one");
        assertThat(device.root.resolve(".skysync/tmp")).isEmptyDirectory();
        assertThat(device.sync().uploaded()).containsExactly("essay.txt");
    }

    @Test
    void restore_underAnotherName_leavesTheCurrentFile() throws Exception {
        new Restorer(device.remote(), device.transfers(), device.root)
                .restore(VaultPath.of("essay.txt"), version(1), VaultPath.of("old/essay-v1.txt"), null);

        assertThat(device.read("old/essay-v1.txt")).isEqualTo("draft one");
        assertThat(device.read("essay.txt")).isEqualTo("draft two");
    }

    @Test
    void restore_overUnsyncedLocalChanges_isRefusedAndChangesNothing() throws Exception {
        device.write("essay.txt", "draft three, not synced");
        Restorer restorer = new Restorer(device.remote(), device.transfers(), device.root);
        EntryDto first = version(1);
        IndexRow row = row("essay.txt");

        assertThatThrownBy(() -> restorer.restore(VaultPath.of("essay.txt"), first, row)).isInstanceOf(UserError.class)
                .hasMessageContaining("local changes that are not synced");
        assertThat(device.read("essay.txt")).isEqualTo("draft three, not synced");
    }
}
