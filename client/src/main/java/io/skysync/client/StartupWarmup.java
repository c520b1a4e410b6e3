package io.skysync.client;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.remote.ApiWarmup;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Sets up, on two threads of their own, the libraries a command that syncs needs once it has parsed
 * its command line: the config file's TOML reader and the API's JSON on one; OkHttp, the HMAC of the
 * local backend's identity proof, SQLite's native library and connection settings on the other.
 * Each is a one-time set-up of tens of milliseconds (class loading, static initializers, locale
 * data), together more than half of a no-op sync's start, which the main thread otherwise did one
 * after the other (docs/performance.md, "Start-up"). All of it is idempotent and thread-safe; the
 * main thread does whatever is not done yet itself, and meets and reports any failure where it
 * always did.
 */
final class StartupWarmup {
    private StartupWarmup() {
    }

    static void start() {
        start("skysync-warm-up-json", () -> {
            Class.forName(ConfigFile.class.getName(), true, ConfigFile.class.getClassLoader());
            ApiWarmup.json();
        });
        start("skysync-warm-up-io", () -> {
            ApiWarmup.http();
            SQLiteJDBCLoader.initialize();
            new SQLiteConfig().newConnectionConfig();
        });
    }

    private static void start(String name, Step step) {
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (Exception | LinkageError e) {
                // Not this thread's to report: the main thread does the same work and reports what fails.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private interface Step {
        void run() throws Exception;
    }
}
