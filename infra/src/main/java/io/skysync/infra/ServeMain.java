package io.skysync.infra;

import io.skysync.spi.LocalBackend;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local backend alone until Ctrl-C: {@code java -jar infra-<version>-backend.jar --data DIR
 * [--port P] [--cloud aws|azure]}. The CLI's {@code skysync serve} does the same through
 * {@link LocalBackend.Provider}; this entry point is for running the backend jar by itself.
 */
public final class ServeMain {
    static final String USAGE = "usage: serve --data DIR [--port P (default 0: any free port)] [--cloud aws|azure (default aws)]";

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
        System.out.println(backend + "; data in " + options.data() + "; Ctrl-C stops");
        stopped.await();
    }

    record Options(Path data, int port, String cloud) {
        static Options parse(String[] args) {
            Path data = null;
            int port = 0;
            String cloud = "aws";
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
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("--data DIR is required: the folder where the backend keeps its stores");
            }
            return new Options(data, port, cloud);
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
