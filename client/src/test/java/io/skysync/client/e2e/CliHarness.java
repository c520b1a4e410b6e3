package io.skysync.client.e2e;

import io.skysync.client.cli.Cli;
import io.skysync.client.cli.Host;
import io.skysync.client.cli.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real command line in this JVM with an environment that points every user folder at a temp dir. */
final class CliHarness {
    /** One command's outcome. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path cwd;

    CliHarness(Path home, Path dataDir) {
        this.cwd = home;
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("SKYSYNC_DATA_DIR", dataDir.toString());
        env.put("HOSTNAME", "testhost");
    }

    Map<String, String> env() {
        return env;
    }

    Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /**
     * Starts a long-running command ({@code watch}) in a thread of its own; {@link Background#stop}
     * raises its stop request, as Ctrl-C would, and waits for it to return.
     */
    Background start(String... args) {
        return new Background(env, cwd, args);
    }

    /** A command running in the background, with its output so far. */
    static final class Background {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final StopSignal stop = new StopSignal();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        private Background(Map<String, String> env, Path cwd, String... args) {
            Host host = new Host("Linux", command -> {
                throw new IllegalStateException("no test runs " + command);
            }, stop, ProcessHandle.current().pid(), List.of("java", "-cp", "skysync.jar", "io.skysync.client.Main"));
            Map<String, String> copy = Map.copyOf(env);
            Thread thread = new Thread(() -> exit.complete(Cli.run(args, copy, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), cwd, false, host)), "test-" + args[0]);
            thread.setDaemon(true);
            thread.start();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        boolean running() {
            return !exit.isDone();
        }

        /** Waits for the command to end by itself; its result. */
        Result await(Duration timeout) throws Exception {
            int code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out(), err.toString(StandardCharsets.UTF_8));
        }

        /** Asks it to stop (as Ctrl-C does) and waits for it. */
        Result stop() throws Exception {
            stop.request();
            return await(Duration.ofMinutes(2));
        }
    }

    Result runWith(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        int code = Cli.run(args, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cwd, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
