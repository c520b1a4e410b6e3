package io.skysync.client;

import io.skysync.client.cli.Cli;
import io.skysync.client.config.UserDirs;
import io.skysync.client.index.SqliteNativeCache;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code skysync} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Before anything opens an index: the process-wide setting of where SQLite's library comes from.
        SqliteNativeCache.use(new UserDirs(System.getenv()).cacheDir());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = Cli.run(args, System.getenv(), out, err, Path.of("").toAbsolutePath(), System.console() != null);
        System.exit(code);
    }
}
