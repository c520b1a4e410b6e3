package io.skysync.client.e2e;

import io.skysync.client.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
