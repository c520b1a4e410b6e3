package io.skysync.infra;

import io.skysync.spi.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local backend alone until Ctrl-C: {@code java -jar infra-<version>-backend.jar --data DIR
 * [--port P] [--cloud aws|azure] [--idle-stop SECONDS]}. The CLI's {@code skysync serve} does the
 * same through {@link LocalBackend.Provider}. With {@code --idle-stop} the backend stops by itself
 * once it has served no request for that long: the CLI starts it so, in a process of its own, when
 * a command needs the local backend and none runs (docs/architecture-local-backend.md).
 */
public final class ServeMain {
    static final String USAGE = "usage: serve --data DIR [--port P (default 0: any free port)] [--cloud aws|azure (default aws)]"
            + " [--idle-stop SECONDS (default: never)]";

    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LocalBackend backend;
        try {
            backend = LocalBackend.provider(options.cloud()).start(options.data(), options.port());
        } catch (RuntimeException e) {
            System.err.println("skysync backend did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.close();
            stopped.countDown();
        }, "skysync-backend-shutdown"));
        System.out.println(backend + "; data in " + options.data() + "; Ctrl-C stops"
                + (options.idleStop() == null ? "" : ", and so do " + options.idleStop().toSeconds() + " s without a request"));
        if (options.idleStop() != null) {
            stopWhenIdle(backend, options.idleStop());
        }
        stopped.await();
    }

    /** Stops the backend and the JVM once the backend has served no request for {@code limit}. */
    private static void stopWhenIdle(LocalBackend backend, Duration limit) throws InterruptedException {
        long poll = Math.max(100, Math.min(limit.toMillis() / 4, 5_000));
        while (backend.idle().compareTo(limit) < 0) {
            Thread.sleep(poll);
        }
        System.out.println("no request for " + limit.toSeconds() + " s: stopping");
        backend.close();
        System.exit(0);
    }

    record Options(Path data, int port, String cloud, Duration idleStop) {
        static Options parse(String[] args) {
            Path data = null;
            int port = 0;
            String cloud = "aws";
            Duration idleStop = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    throw new IllegalArgumentException("skysync local backend");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--data" -> data = Path.of(value);
                    case "--port" -> port = port(value);
                    case "--cloud" -> cloud = cloud(value);
                    case "--idle-stop" -> idleStop = idleStop(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("--data DIR is required: the folder where the backend keeps its stores");
            }
            return new Options(data, port, cloud, idleStop);
        }

        private static Duration idleStop(String value) {
            try {
                long seconds = Long.parseLong(value);
                if (seconds < 1) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--idle-stop must be a whole number of seconds, 1 or more, not '" + value + "'", e);
            }
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be 0..65535, not '" + value + "'", e);
            }
        }

        private static String cloud(String value) {
            String cloud = value.toLowerCase(Locale.ROOT);
            if (!cloud.equals("aws") && !cloud.equals("azure")) {
                throw new IllegalArgumentException("--cloud must be aws or azure, not '" + value + "'");
            }
            return cloud;
        }
    }
}
