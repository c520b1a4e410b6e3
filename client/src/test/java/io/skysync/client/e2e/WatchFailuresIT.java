package io.skysync.client.e2e;

import static io.skysync.client.e2e.Eventually.files;
import static io.skysync.client.e2e.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a watcher does when the world misbehaves: the server stops and comes back, the folder is
 * removed or emptied like an unmounted drive, the device is revoked. The folders use the local
 * backend as a deployed server (an {@code http://} endpoint), so the test can stop and restart it
 * on the same port while the watchers run. Waits on outcomes with generous time-outs.
 */
class WatchFailuresIT {
    private static final String[] PACE = {"--settle", "1s", "--poll-max", "5s"};

    @TempDir
    Path temp;
    private Path dataDir;
    private int port;
    private LocalBackend backend;
    private CliHarness cli;
    private Path a;
    private Path b;
    private CliHarness.Background watchA;
    private CliHarness.Background watchB;

    @BeforeEach
    void devices() throws Exception {
        dataDir = temp.resolve("backend");
        // The backend picks its own free port: a port probed and released first can be taken by
        // another process before the backend binds it.
        backend = LocalBackend.provider("aws").start(dataDir, 0);
        port = backend.endpoint().getPort();
        cli = new CliHarness(Files.createDirectories(temp.resolve("home")), dataDir);
        cli.env().put("SKYSYNC_BOOTSTRAP_SECRET", backend.bootstrapSecret());
        a = Files.createDirectories(temp.resolve("a"));
        b = Files.createDirectories(temp.resolve("b"));
        init(a, "laptop");
        init(b, "desktop");
        for (int i = 1; i <= 3; i++) {
            EndToEndFixture.write(a, "keep-" + i + ".txt", "file " + i);
        }
        watchA = watch(a);
        watchB = watch(b);
        until(() -> assertThat(files(b)).isEqualTo(files(a)).hasSize(3));
    }

    @AfterEach
    void stop() throws Exception {
        for (CliHarness.Background watcher : new CliHarness.Background[] {watchA, watchB}) {
            if (watcher != null && watcher.running()) {
                watcher.stop();
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void serverStoppedAndRestarted_changesMadeWhileItWasDownArriveAfterwards() throws Exception {
        backend.close();
        backend = null;
        EndToEndFixture.write(a, "while-down.txt", "written while the server was down");

        until(() -> assertThat(watchA.out()).contains("sync failed: cannot reach", "retrying in"));
        until(() -> assertThat(watchB.out()).contains("cannot ask the server for changes"));
        backend = restartOnSamePort();

        until(() -> assertThat(files(b)).containsEntry("while-down.txt", "written while the server was down"));
        assertThat(watchA.out()).contains("synced again after retry");
        until(() -> assertThat(watchB.out()).contains("the server answers again"));
        assertThat(watchA.running()).isTrue();
        assertThat(watchB.running()).isTrue();
    }

    @Test
    void folderRemoved_stopsWithAClearLineAndDeletesNothing() throws Exception {
        deleteTree(b, true);

        CliHarness.Result stopped = watchB.await(Eventually.GENEROUS);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(2);
        assertThat(stopped.out()).contains("stopped watching: the folder is gone or no longer mounted", "nothing was deleted");
        assertNothingDeleted();
    }

    @Test
    void folderEmptiedLikeAnUnmountedDrive_stopsAndDeletesNothing() throws Exception {
        deleteTree(b, false);

        CliHarness.Result stopped = watchB.await(Eventually.GENEROUS);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(2);
        assertThat(stopped.out()).contains("gone or no longer mounted");
        assertThat(files(a)).as("the laptop keeps everything").hasSize(3);
        assertNothingDeleted();
    }

    @Test
    void deviceRevoked_stopsWithAClearLineAndStatusSaysWhy() throws Exception {
        // Commands that open a folder wait for its watcher to stop: the laptop's stops for the revocation.
        assertThat(watchA.stop().exitCode()).isZero();
        EndToEndFixture.ok(cli.run("devices", "revoke", "desktop", a.toString()));
        watchA = watch(a);
        // A commit wakes the desktop's waiting ask at once, which then meets the revoked token.
        EndToEndFixture.write(a, "after-revocation.txt", "the desktop may not see this");

        CliHarness.Result stopped = watchB.await(Eventually.GENEROUS);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(2);
        assertThat(stopped.out()).contains("stopped watching: the server refused this device's token", "skysync join");
        CliHarness.Result status = cli.run("status", b.toString(), "--json");
        assertThat(status.exitCode()).as("the server refuses the revoked device").isEqualTo(2);
        JsonNode json = ApiJson.read(status.out().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        assertThat(json.get("error").get("code").asText()).isEqualTo("unauthorized");
        JsonNode watcher = json.get("watcher");
        assertThat(watcher.get("running").asBoolean()).isFalse();
        assertThat(watcher.get("state").asText()).isEqualTo("stopped");
        assertThat(watcher.get("stopReason").asText()).contains("revoked");
        assertThat(watchA.running()).as("the laptop goes on").isTrue();
    }

    /** The real process and a real SIGTERM: the JVM's shutdown hook lets the watcher stop cleanly. */
    @Test
    void sigterm_stopsTheWatcherProcessCleanlyAndStatusSaysSo() throws Exception {
        Path c = Files.createDirectories(temp.resolve("c"));
        init(c, "tablet");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.skysync.client.Main", "watch", c.toString(), "--settle", "1s")
                .redirectErrorStream(true).redirectOutput(temp.resolve("c.log").toFile());
        builder.environment().putAll(cli.env());
        Process process = builder.start();
        try {
            until(() -> assertThat(Files.readString(temp.resolve("c.log"))).contains(": start: "));
            until(() -> assertThat(files(c)).containsKeys("keep-1.txt", "keep-2.txt", "keep-3.txt"));

            process.destroy();

            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("the JVM's code after SIGTERM").isEqualTo(143);
        assertThat(Files.readString(temp.resolve("c.log"))).contains("stopped watching");
        JsonNode watcher = ApiJson.read(EndToEndFixture.ok(cli.run("status", c.toString(), "--json")).out()
                .getBytes(StandardCharsets.UTF_8), JsonNode.class).get("watcher");
        assertThat(watcher.get("running").asBoolean()).isFalse();
        assertThat(watcher.get("state").asText()).isEqualTo("stopped");
        assertThat(watcher.get("stopReason").asText()).isEqualTo("asked to stop");
    }

    /** The watchers know only the old port; while the server was down another process may hold it for a moment. */
    private LocalBackend restartOnSamePort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return LocalBackend.provider("aws").start(dataDir, port);
            } catch (IllegalStateException taken) {
                if (System.nanoTime() > deadline) {
                    throw taken;
                }
                Thread.sleep(200);
            }
        }
    }

    private CliHarness.Background watch(Path dir) throws Exception {
        CliHarness.Background watcher = cli.start(Stream.concat(Stream.of("watch", dir.toString()), Stream.of(PACE))
                .toArray(String[]::new));
        until(() -> assertThat(watcher.out()).contains(": start: "));
        return watcher;
    }

    private void init(Path dir, String device) {
        EndToEndFixture.ok(cli.run("init", dir.toString(), "--endpoint", "http://127.0.0.1:" + port, "--vault", "watched",
                "--device", device));
    }

    /** A device that joins now finds every file on the server: the vanished folder deleted nothing. */
    private void assertNothingDeleted() throws Exception {
        Path c = Files.createDirectories(temp.resolve("c"));
        init(c, "phone");
        EndToEndFixture.ok(cli.run("sync", c.toString()));
        assertThat(files(c)).containsKeys("keep-1.txt", "keep-2.txt", "keep-3.txt");
    }

    /** Deletes the folder's contents, {@code .skysync} included, and the folder itself if asked. */
    private static void deleteTree(Path root, boolean andRoot) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (andRoot || !path.equals(root)) {
                    Files.delete(path);
                }
            }
        }
    }
}
