package io.skysync.client.cli;

import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserDirs;
import io.skysync.client.config.UserError;
import io.skysync.client.progress.PlainProgress;
import io.skysync.client.progress.Progress;
import io.skysync.client.progress.TerminalProgress;
import io.skysync.client.remote.LocalBackendConnector;
import io.skysync.client.transfer.Backoff;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;

/** What a command needs from its process: environment, output streams, clock, the shared HTTP client, the {@link Host}. */
final class CliContext {
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    final Path cwd;
    final UserDirs dirs;
    final TokenStore tokens;
    final Clock clock = Clock.systemUTC();
    final boolean terminal;
    final Host host;
    private OkHttpClient http;

    /** On this machine's {@link Host}, with a stop signal nobody raises (the command model for help and man pages). */
    CliContext(Map<String, String> env, PrintStream out, PrintStream err, Path cwd, boolean terminal) {
        this(env, out, err, cwd, terminal, Host.current(new StopSignal()));
    }

    CliContext(Map<String, String> env, PrintStream out, PrintStream err, Path cwd, boolean terminal, Host host) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.cwd = cwd;
        this.dirs = new UserDirs(env);
        this.tokens = new TokenStore(dirs);
        this.terminal = terminal;
        this.host = host;
    }

    /** The shared client, for any endpoint. */
    synchronized OkHttpClient http(int parallel) {
        if (http == null) {
            http = Http.client(parallel);
        } else if (!Http.tls(http)) {
            http = Http.withTls(http);
        }
        return http;
    }

    /** The shared client for the local backend: without TLS, unless a command needed it already ({@link Http}). */
    synchronized OkHttpClient loopbackHttp(int parallel) {
        if (http == null) {
            http = Http.loopback(parallel);
        }
        return http;
    }

    Backoff backoff() {
        return Backoff.standard();
    }

    Path dataDir(GlobalOptions global) {
        return global.dataDir != null ? cwd.resolve(global.dataDir).toAbsolutePath().normalize() : dirs.localDataDir();
    }

    /**
     * Connects to the local backend of the data folder, starting one if none runs: in the
     * background, where it stays up for {@code SKYSYNC_BACKEND_IDLE_STOP} seconds without a request
     * (default {@link LocalBackendConnector#DEFAULT_IDLE_STOP}); {@code 0} runs it inside this
     * command instead.
     */
    LocalBackendConnector.Connection localBackend(GlobalOptions global, OkHttpClient http) {
        String setting = env.getOrDefault("SKYSYNC_BACKEND_IDLE_STOP", "").strip();
        Duration idleStop;
        try {
            idleStop = setting.isEmpty() ? LocalBackendConnector.DEFAULT_IDLE_STOP : Duration.ofSeconds(Long.parseLong(setting));
        } catch (NumberFormatException e) {
            throw new UserError("SKYSYNC_BACKEND_IDLE_STOP is '" + setting + "': give whole seconds (0: no background backend)");
        }
        if (idleStop.isNegative()) {
            throw new UserError("SKYSYNC_BACKEND_IDLE_STOP must not be negative");
        }
        return LocalBackendConnector.connect(dataDir(global), http, idleStop);
    }

    /** Where a folder's token is kept: its deployment (the URL, or the local data folder), vault and device. */
    TokenStore.Key tokenKey(FolderConfig config, GlobalOptions global) {
        String deployment = config.isLocal() ? TokenStore.local(dataDir(global))
                : TokenStore.deployment(Initializer.endpoint(config.endpoint()));
        return new TokenStore.Key(deployment, config.vault(), config.device());
    }

    Path resolve(String dir) {
        return cwd.resolve(dir == null ? "." : expandHome(dir)).toAbsolutePath().normalize();
    }

    Progress progress(GlobalOptions global) {
        if (global.quiet || global.json) {
            return Progress.NONE;
        }
        return terminal ? new TerminalProgress(err) : new PlainProgress(out, err);
    }

    void say(GlobalOptions global, String line) {
        if (!global.quiet && !global.json) {
            out.println(line);
        }
    }

    void close() {
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private String expandHome(String dir) {
        if (dir.equals("~") || dir.startsWith("~/")) {
            return env.getOrDefault("HOME", System.getProperty("user.home")) + dir.substring(1);
        }
        return dir;
    }
}
