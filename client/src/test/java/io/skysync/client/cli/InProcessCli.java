package io.skysync.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in this JVM with a home, config and data folder of its own under a test's temp folder. */
final class InProcessCli {
    record Result(int code, String out, String err) {
    }

    private InProcessCli() {
    }

    /** Runs {@code args} from {@code temp} with {@code HOME}, {@code XDG_CONFIG_HOME} and the data folder under it, plus {@code extra}. */
    static Result run(Path temp, Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", temp.toString(),
                "XDG_CONFIG_HOME", temp.resolve("config").toString(), "SKYSYNC_DATA_DIR", temp.resolve("data").toString()));
        env.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
