package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.testing.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Folders and metadata end to end, on every cloud flavour ({@link EndToEndFixture}): the real CLI on
 * two folders of one vault. Empty folders and folder deletions converge, a deletion racing an add
 * inside keeps both, and a {@code touch} of 100 files (and a {@code chmod +x}) reaches the other
 * device with no byte uploaded and no download asked for.
 */
class FoldersEndToEndIT extends EndToEndFixture {
    Path b;

    @BeforeEach
    void secondDevice() throws IOException {
        b = Files.createDirectories(temp.resolve("b"));
        ok(cli.run("init", b.toString(), "--vault", vault, "--device", "desktop"));
    }

    private void syncAll() {
        ok(sync(a));
        ok(sync(b));
        ok(sync(a));
    }

    @Test
    void folders_emptyOnesAppear_deletedOnesGo_aDeletionRacingAnAddKeepsBoth() throws IOException {
        for (int i = 0; i < 10; i++) {
            write(a, "keep/k" + i + ".txt", "k" + i);
        }
        Files.createDirectories(a.resolve("empty/inner"));
        write(a, "gone/x.txt", "x");
        Files.createDirectories(a.resolve("gone/sub"));
        write(a, "race/old.txt", "old");
        syncAll();
        assertThat(Device.folders(b)).contains("empty", "empty/inner", "gone/sub", "race");

        Device.deleteTree(b.resolve("gone"));
        Device.deleteTree(a.resolve("race"));
        write(b, "race/new.txt", "new");
        syncAll();
        ok(sync(b));

        assertThat(Device.tree(b)).isEqualTo(Device.tree(a)).containsKey("race/new.txt")
                .doesNotContainKeys("gone/x.txt", "race/old.txt");
        assertThat(Device.folders(b)).isEqualTo(Device.folders(a)).contains("empty/inner", "race")
                .doesNotContain("gone");
    }

    @Test
    void touchOfAHundredFiles_andAChmod_reachTheOtherDevice_withNoUploadAndNoDownload() throws IOException {
        for (int i = 0; i < 100; i++) {
            write(a, "t/f" + i + ".txt", "content " + i);
        }
        syncAll();
        resetCounters();

        FileTime later = FileTime.from(Instant.parse("2030-01-02T03:04:05Z"));
        for (int i = 0; i < 100; i++) {
            Files.setLastModifiedTime(a.resolve("t/f" + i + ".txt"), later);
        }
        Path script = a.resolve("t/f0.txt");
        var perms = Files.getPosixFilePermissions(script);
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(script, perms);
        syncAll();

        assertThat(uploads()).as("a touch moves no bytes").isZero();
        assertThat(invocations("POST /v1/vaults/{vault}/download-urls")).as("nor asks for a download").isZero();
        assertThat(Files.getLastModifiedTime(b.resolve("t/f99.txt"))).isEqualTo(later);
        assertThat(Files.getPosixFilePermissions(b.resolve("t/f0.txt"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(b.resolve("t/f1.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Device.tree(b)).isEqualTo(Device.tree(a));
    }
}
