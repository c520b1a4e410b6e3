package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.testing.FakeBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skysync watch} refuses what it cannot watch with one sentence and exit 2, before watching anything. */
class WatchCommandTest {
    @TempDir
    Path temp;

    private record Result(int code, String err) {
    }

    private Map<String, String> env() {
        return Map.of("HOME", temp.toString(), "XDG_CONFIG_HOME", temp.resolve("config").toString(),
                "SKYSYNC_DATA_DIR", temp.resolve("data").toString());
    }

    private static PrintStream silent() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static void awaitOutput(ByteArrayOutputStream out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("'%s' in %s", text, out).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Result run(String... args) {
        Map<String, String> env = env();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Host host = new Host("Linux", command -> new CommandRunner.Result(0, ""), new StopSignal(), 1, List.of("java"));
        int code = Cli.run(args, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false, host);
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void watch_folderMissing_saysSoInOneLine() {
        Result result = run("watch", temp.resolve("nope").toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).contains("does not exist").hasLineCount(1);
    }

    @Test
    void watch_notASkysyncFolder_tellsHowToStart() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        Result result = run("watch", plain.toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("is not a skysync folder", "skysync init");
        assertThat(plain.resolve(".skysync")).doesNotExist();
    }

    @Test
    void watch_whileAnotherCommandHoldsTheFolder_waitsForItThenWatches() throws Exception {
        try (FakeBackend backend = FakeBackend.start()) {
            Path dir = Files.createDirectories(temp.resolve("folder"));
            Map<String, String> env = new HashMap<>(env());
            env.put("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET);
            assertThat(Cli.run(new String[] {"init", dir.toString(), "--endpoint", backend.endpoint().toString(),
                    "--vault", "held", "--device", "box"}, env, silent(), silent(), temp, false)).isZero();
            StopSignal stop = new StopSignal();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Integer> watch;
            try (FolderLock held = FolderLock.acquire(dir.resolve(".skysync"))) {
                watch = CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"watch", dir.toString()}, env(),
                        new PrintStream(out, true, StandardCharsets.UTF_8), silent(), temp, false,
                        new Host("Linux", command -> new CommandRunner.Result(0, ""), stop, 1, List.of("java"))));
                awaitOutput(out, "waiting for another skysync command (pid " + ProcessHandle.current().pid() + ")");
                assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(": start:");
            }
            awaitOutput(out, ": start: ");
            stop.request();

            assertThat(watch.get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void watch_badDurations_areRefusedBeforeAnythingIsOpened() {
        assertThat(run("watch", "--settle", "soon").err()).contains("invalid duration 'soon'");
        assertThat(run("watch", "--poll-max", "5m").err()).contains("--poll-max is at most 60s");
        assertThat(run("watch", "--poll-min", "30s", "--poll-max", "10s").err()).contains("--poll-max must not be shorter");
        assertThat(run("watch", "--settle", "0s").code()).isEqualTo(ExitCode.USAGE);
    }
}
