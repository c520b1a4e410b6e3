package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is not a corrupt index: on a tiny tmpfs (mounting one needs root; skipped otherwise),
 * a full disk once made the index move itself aside, the next run overwrite the saved copy with an
 * empty file, and after space was freed a file deleted here came back from the server.
 */
class SqliteIndexFullDiskTest {
    @TempDir
    Path temp;
    private Path disk;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            abort("mounting a 2 MB tmpfs to fill it needs root; run the tests as root to include this case");
        }
        disk = Files.createDirectory(temp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!mount.waitFor(30, TimeUnit.SECONDS) || mount.exitValue() != 0) {
            disk = null;
            abort("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?): " + output.strip());
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void openAndSave_onAFullDisk_failWithoutMovingOrLosingTheIndex() throws Exception {
        Path file = Files.createDirectories(disk.resolve(".skysync")).resolve("index.db");
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            index.save(rows(0, 50), List.of(), 50);
        }
        Path filler = disk.resolve("filler");
        fill(filler);

        List<String> errors = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
                index.save(rows(50, 2000), List.of(VaultPath.of("file-0.txt")), 99);
            } catch (RuntimeException e) {
                errors.add(e.getMessage());
            }
        }

        assertThat(errors).as("every run on the full disk fails").hasSize(3)
                .allSatisfy(message -> assertThat(message).containsIgnoringCase("full"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("corrupt"));
        }
        Files.delete(filler);
        try (SqliteIndexStore index = SqliteIndexStore.open(file)) {
            assertThat(index.recovered()).isFalse();
            assertThat(index.cursor()).isEqualTo(50);
            assertThat(index.load()).hasSize(50).containsKey(VaultPath.of("file-0.txt"));
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // No space left: what we wanted.
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // Not a byte more.
        }
    }

    private static List<IndexRow> rows(int from, int to) {
        List<IndexRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String path = "file-" + i + ".txt";
            ContentHash hash = ContentHash.ofBytes(path.getBytes(StandardCharsets.UTF_8));
            rows.add(IndexRow.scanned(VaultPath.of(path), path, new LocalStat(10, 1_000L, null, hash))
                    .syncedTo(RemoteFile.live(FileVersion.of(1), hash, 10, 1)));
        }
        return rows;
    }
}
