package io.skysync.client;

import io.skysync.client.cli.Cli;
import io.skysync.client.cli.Host;
import io.skysync.client.cli.StopSignal;
import io.skysync.client.config.UserDirs;
import io.skysync.client.index.SqliteNativeCache;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code skysync} command. */
public final class Main {
    private Main() {
    }

    /** Ctrl-C or SIGTERM: a watcher finishes the step in progress within this, or it is abandoned (safely: see docs/client.md). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);

    public static void main(String[] args) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        // Before anything opens an index: the process-wide setting of where SQLite's library comes from.
        SqliteNativeCache.use(new UserDirs(System.getenv()).cacheDir(), warning -> err.println("warning: " + warning));
        StartupWarmup warmup = Cli.syncs(args) ? StartupWarmup.start() : null;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StopSignal stop = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.requestAndAwait(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "skysync-stop"));
        int code;
        try {
            code = Cli.run(args, System.getenv(), out, err, Path.of("").toAbsolutePath(), System.console() != null,
                    Host.current(stop));
        } catch (LinkageError e) {
            // A broken install, not a user's mistake: the trace goes out as it would, with the warm-up's cause.
            throw warmup == null ? e : warmup.explained(e);
        }
        System.exit(code);
    }
}
