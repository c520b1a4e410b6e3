package io.skysync.client;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.remote.ApiWarmup;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Sets up, on two threads of their own, the libraries a command that syncs needs once it has parsed
 * its command line: the config file's TOML reader and the API's JSON on one; OkHttp, the HMAC of the
 * local backend's identity proof, SQLite's native library and connection settings on the other.
 * Each is a one-time set-up of tens of milliseconds (class loading, static initializers, locale
 * data), together more than half of a no-op sync's start, which the main thread otherwise did one
 * after the other (docs/performance.md, "Start-up"). All of it is idempotent and thread-safe; the
 * main thread does whatever is not done yet itself, and meets any failure where it always did.
 * One exception to that: a static initializer that fails here leaves its class unusable, and Java 17
 * tells the main thread only "Could not initialize class", so {@link #explained} adds what failed.
 */
final class StartupWarmup {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    static StartupWarmup start() {
        StartupWarmup warmup = new StartupWarmup();
        warmup.run("skysync-warm-up-json", () -> {
            Class.forName(ConfigFile.class.getName(), true, ConfigFile.class.getClassLoader());
            ApiWarmup.json();
        });
        warmup.run("skysync-warm-up-io", () -> {
            ApiWarmup.http();
            SQLiteJDBCLoader.initialize();
            new SQLiteConfig().newConnectionConfig();
        });
        return warmup;
    }

    /** Runs {@code step} on a daemon thread of its own, keeping its first failure for {@link #explained}. */
    Thread run(String name, Step step) {
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (Exception | LinkageError e) {
                // Not this thread's to report: the main thread does the same work and reports what fails.
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code error}, met by the main thread, with the warm-up's own failure attached (the cause it may lack). */
    <E extends Throwable> E explained(E error) {
        Throwable first = failure.get();
        if (first != null && first != error) {
            error.addSuppressed(first);
        }
        return error;
    }

    interface Step {
        void run() throws Exception;
    }
}
