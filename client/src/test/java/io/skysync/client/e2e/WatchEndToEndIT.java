package io.skysync.client.e2e;

import static io.skysync.client.e2e.Eventually.files;
import static io.skysync.client.e2e.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two devices, each kept in sync by {@code skysync watch} (the real CLI, in this JVM) on the local
 * backend of each flavour: what is done in either folder reaches the other without any
 * {@code sync} command. Waits on outcomes with generous time-outs, never on timing.
 */
class WatchEndToEndIT extends EndToEndFixture {
    /** Long enough that two writes made one after the other in a test land in one sync. */
    private static final String[] PACE = {"--settle", "1s", "--max-delay", "10s", "--poll-max", "10s"};
    Path b;
    private CliHarness.Background watchA;
    private CliHarness.Background watchB;

    @BeforeEach
    void secondDevice() throws IOException {
        b = Files.createDirectories(temp.resolve("b"));
        ok(cli.run("init", b.toString(), "--vault", vault, "--device", "desktop"));
    }

    @AfterEach
    void stopWatchers() throws Exception {
        for (CliHarness.Background watcher : new CliHarness.Background[] {watchA, watchB}) {
            if (watcher != null && watcher.running()) {
                watcher.stop();
            }
        }
    }

    private CliHarness.Background watch(Path dir) throws Exception {
        CliHarness.Background watcher = cli.start(Stream.concat(Stream.of("watch", dir.toString()), Stream.of(PACE))
                .toArray(String[]::new));
        until(() -> assertThat(rounds(dir)).as(watcher.out()).isGreaterThanOrEqualTo(1));
        return watcher;
    }

    /** Syncs a folder's watcher has run, from its state file through {@code status --json}. */
    private long rounds(Path dir) {
        JsonNode watcher = status(dir).get("watcher");
        return watcher.path("running").asBoolean() && "watching".equals(watcher.path("state").asText())
                ? watcher.path("rounds").asLong() : 0;
    }

    private JsonNode status(Path dir) {
        return ApiJson.read(ok(cli.run("status", dir.toString(), "--json")).out().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                JsonNode.class);
    }

    @Test
    void watch_twoDevices_editsCreatesDeletesRenamesAndAConflictConvergeWithoutSync() throws Exception {
        write(a, "notes/todo.txt", "buy milk");
        write(b, "from-desktop.txt", "hello");
        watchA = watch(a);
        watchB = watch(b);
        until(() -> assertThat(files(b)).isEqualTo(files(a)).containsKeys("notes/todo.txt", "from-desktop.txt"));

        write(a, "notes/todo.txt", "buy milk and eggs");
        write(b, "new/deep/file.txt", "created in a new sub-folder");
        Files.delete(b.resolve("from-desktop.txt"));
        Files.createDirectories(a.resolve("archive"));
        Files.move(a.resolve("notes/todo.txt"), a.resolve("archive/todo-renamed.txt"));
        until(() -> assertThat(files(b)).isEqualTo(files(a))
                .containsEntry("archive/todo-renamed.txt", "buy milk and eggs")
                .containsEntry("new/deep/file.txt", "created in a new sub-folder")
                .doesNotContainKeys("notes/todo.txt", "from-desktop.txt"));

        write(a, "plan.md", "base");
        until(() -> assertThat(files(b)).containsEntry("plan.md", "base"));
        write(a, "plan.md", "edited on laptop");
        write(b, "plan.md", "edited on desktop");
        until(() -> {
            Map<String, String> inA = files(a);
            assertThat(files(b)).isEqualTo(inA);
            List<String> copies = inA.keySet().stream().filter(p -> p.startsWith("plan.conflict-")).toList();
            assertThat(copies).hasSize(1);
            assertThat(List.of(inA.get("plan.md"), inA.get(copies.get(0))))
                    .containsExactlyInAnyOrder("edited on laptop", "edited on desktop");
        });

        CliHarness.Result stoppedA = watchA.stop();
        CliHarness.Result stoppedB = watchB.stop();
        assertThat(stoppedA.exitCode()).as(stoppedA.toString()).isZero();
        assertThat(stoppedB.exitCode()).as(stoppedB.toString()).isZero();
        assertThat(stoppedA.out()).contains("watching (vault '" + vault + "' as device 'laptop'", "stopped watching");
        assertThat(stoppedA.out() + stoppedB.out()).as("the device that lost the race says so").contains("1 conflict(s): plan.md");
        assertThat(status(a).get("watcher").get("running").asBoolean()).isFalse();
        assertThat(status(a).get("watcher").get("state").asText()).isEqualTo("stopped");
    }

    @Test
    void watch_burstOfTwoThousandWrites_isSyncedInAFewRounds() throws Exception {
        watchA = watch(a);
        watchB = watch(b);
        long roundsA = rounds(a);
        long roundsB = rounds(b);
        resetCounters();

        for (int i = 0; i < 2000; i++) {
            write(a, "burst/" + (i % 20) + "/file-" + i + ".txt", "content " + i);
        }
        until(() -> assertThat(files(b)).hasSize(2000).isEqualTo(files(a)));

        long commits = invocations("POST /v1/vaults/{vault}/commit");
        assertThat(rounds(a) - roundsA).as("syncs on the laptop for 2000 writes").isBetween(1L, 6L);
        assertThat(rounds(b) - roundsB).as("syncs on the desktop").isBetween(1L, 6L);
        assertThat(commits).as("commit calls (1000 entries each at most)").isBetween(2L, 12L);
        assertThat(apiCalls()).as("all API calls for the burst, both devices").isLessThan(200);
    }

    @Test
    void watch_folderWatched_syncAndASecondWatcherAreRefusedWithAClearMessage() throws Exception {
        watchA = watch(a);

        CliHarness.Result sync = cli.run("sync", a.toString());
        CliHarness.Result second = cli.run("watch", a.toString());

        assertThat(sync.exitCode()).isEqualTo(2);
        assertThat(sync.err()).contains("a watcher ('skysync watch' (pid " + ProcessHandle.current().pid() + ")",
                "stop it first").hasLineCount(1);
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).contains("already keeps " + a + " in sync");
        CliHarness.Result status = ok(cli.run("status", a.toString()));
        assertThat(status.out()).contains("a watcher keeps this folder in sync (pid", "last sync:",
                "not listed while the watcher runs");
    }
}
