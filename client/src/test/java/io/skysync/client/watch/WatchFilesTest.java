package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a watcher writes: its rotating log and its state file. */
class WatchFilesTest {
    @TempDir
    Path dir;

    @Test
    void rotatingLog_neverPassesItsSizeAndKeepsTheNewestFiles() throws IOException {
        Path file = dir.resolve("logs/watch.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 100, 2)) {
            for (int i = 0; i < 40; i++) {
                log.append(String.format("line %02d %s", i, "x".repeat(20)));
            }
        }

        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("watch.log", "watch.log.1", "watch.log.2");
        }
        for (String name : List.of("watch.log", "watch.log.1", "watch.log.2")) {
            assertThat(Files.size(file.resolveSibling(name))).as(name).isLessThanOrEqualTo(100);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).endsWith("line 39 " + "x".repeat(20) + "\n");
        assertThat(Files.readString(file.resolveSibling("watch.log.1"))).contains("line 3");
    }

    @Test
    void rotatingLog_reopened_appendsToTheExistingFile() throws IOException {
        Path file = dir.resolve("watch.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 1000, 2)) {
            log.append("first run");
        }
        try (RotatingLogFile log = new RotatingLogFile(file, 1000, 2)) {
            log.append("second run");
        }

        assertThat(Files.readAllLines(file)).containsExactly("first run", "second run");
    }

    @Test
    void stateFile_roundTripsAndLeavesNoTempFiles() throws IOException {
        WatchStateFile file = new WatchStateFile(dir);
        assertThat(file.read()).isEmpty();
        WatchState state = new WatchState(42, "watching", "2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z",
                "2026-12-01T10:04:00Z", "sent 1 file(s)", null, null, 3, null);

        file.write(state);
        file.write(state);

        assertThat(file.read()).contains(state);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(WatchStateFile.NAME);
        }
        assertThat(Files.readString(dir.resolve(WatchStateFile.NAME))).doesNotContain("lastError");
    }

    @Test
    void stateFile_garbled_readsAsNone() throws IOException {
        Files.writeString(dir.resolve(WatchStateFile.NAME), "{\"pid\": ");

        assertThat(new WatchStateFile(dir).read()).isEmpty();
    }
}
