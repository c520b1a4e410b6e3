import io.skysync.infra.aws.LocalAwsBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * skysync against rclone and aws-cli on one S3Proxy, in one run: generates a tree (small files of
 * 4 KiB in 100 folders plus a few large ones), gives each tool its own copy, and times the first
 * sync, a no-op sync and a sync after modifying 1 % of the small files, tool after tool within each
 * phase. The local AWS backend runs in this JVM (the real Lambda handler over DynamoDB Local and
 * S3Proxy) and stays up for the whole run, as the peers' S3 does; skysync's CLI runs as its own
 * process and finds it through the data folder, like a `skysync serve`. The peers upload to the
 * same S3Proxy (bucket "peers"), with its credentials in their environment only.
 *
 * <p>Usage: {@code java -cp JARS bench/PeersBench.java [SMALL] [LARGE] [LARGE_MIB]}, with SKYSYNC the
 * skysync command; bench/peers.sh installs the peers and unpacks a release archive for both.
 */
public final class PeersBench {
    private static final List<String> PHASES = List.of("first sync", "no-op", "1 % modified");

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int largeMib = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String skysync = System.getenv("SKYSYNC");
        Path work = Files.createTempDirectory("skysync-peers");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        System.err.printf("generating %d x 4 KiB + %d x %d MiB in %s%n", small, large, largeMib, work);
        List<Path> modified = Tree.generate(work.resolve("tree-skysync"), small, large, largeMib);
        for (String copy : List.of("rclone", "aws")) {
            Tree.copy(work.resolve("tree-skysync"), work.resolve("tree-" + copy));
        }
        Tree.warm(work);

        Map<String, Map<String, Double>> times = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        try (LocalAwsBackend backend = LocalAwsBackend.start(work.resolve("backend"), 0)) {
            backend.s3().createBucket("peers");
            Tools tools = new Tools(work, skysync, backend);
            tools.run("skysync init", tools.skysync("init", work.resolve("tree-skysync").toString(), "--vault", "bench",
                    "--device", "bench"));
            for (String phase : PHASES) {
                if (phase.equals("1 % modified")) {
                    for (String copy : List.of("skysync", "rclone", "aws")) {
                        Tree.modify(work.resolve("tree-" + copy), modified);
                    }
                }
                for (String tool : List.of("rclone", "aws", "skysync")) {
                    backend.resetCounters();
                    double seconds = tools.time(tool + " " + phase, tools.command(tool));
                    times.computeIfAbsent(tool, t -> new LinkedHashMap<>()).put(phase, seconds);
                    if (tool.equals("skysync")) {
                        counts.put(phase, new TreeMap<>(backend.counters()));
                    }
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        Report.print(small, large, largeMib, times, counts, loadBefore, loadAfter, Tools.versions(work));
        Tree.delete(work);
    }

    /** The tree of the issue: random (incompressible) files, the same on every run. */
    static final class Tree {
        static List<Path> generate(Path root, int small, int large, int largeMib) throws IOException {
            Random random = new Random(42);
            byte[] block = new byte[4096];
            List<Path> modified = new ArrayList<>();
            for (int i = 0; i < small; i++) {
                Path file = root.resolve(String.format("d%03d/f%05d.bin", i % 100, i));
                Files.createDirectories(file.getParent());
                random.nextBytes(block);
                Files.write(file, block);
                if (i % 100 == 7) {
                    modified.add(root.relativize(file));
                }
            }
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < large; i++) {
                try (OutputStream out = Files.newOutputStream(root.resolve("large" + i + ".bin"))) {
                    for (int m = 0; m < largeMib; m++) {
                        random.nextBytes(mib);
                        out.write(mib);
                    }
                }
            }
            return modified;
        }

        static void copy(Path from, Path to) throws IOException {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }

        /** Appends a line to each file: 1 % of the small files get new content and a new size. */
        static void modify(Path root, List<Path> files) throws IOException {
            for (Path rel : files) {
                Files.writeString(root.resolve(rel.toString()), "changed\n", java.nio.file.StandardOpenOption.APPEND);
            }
        }

        /** Reads every file once, so each tool finds the same warm page cache. */
        static void warm(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    Files.readAllBytes(p);
                }
            }
        }

        static void delete(Path root) throws IOException {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The three tools' commands and their environments. */
    static final class Tools {
        private final Path work;
        private final String skysync;
        private final Map<String, String> peerEnv = new HashMap<>();
        private final Map<String, String> skysyncEnv = new HashMap<>();
        private final String endpoint;

        Tools(Path work, String skysync, LocalAwsBackend backend) throws IOException {
            this.work = work;
            this.skysync = skysync;
            this.endpoint = backend.s3().endpoint().toString();
            Path home = Files.createDirectories(work.resolve("home"));
            skysyncEnv.put("HOME", home.toString());
            skysyncEnv.put("XDG_CONFIG_HOME", home.resolve("config").toString());
            skysyncEnv.put("XDG_DATA_HOME", home.resolve("data").toString());
            skysyncEnv.put("XDG_CACHE_HOME", home.resolve("cache").toString());
            skysyncEnv.put("SKYSYNC_DATA_DIR", work.resolve("backend").toString());
            Path awsConfig = work.resolve("aws-config");
            Files.writeString(awsConfig, "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n");
            peerEnv.put("AWS_CONFIG_FILE", awsConfig.toString());
            peerEnv.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
            peerEnv.put("AWS_ACCESS_KEY_ID", backend.s3().accessKey());
            peerEnv.put("AWS_SECRET_ACCESS_KEY", backend.s3().secretKey());
            peerEnv.put("AWS_DEFAULT_REGION", "us-east-1");
            peerEnv.put("AWS_EC2_METADATA_DISABLED", "true");
            peerEnv.put("RCLONE_CONFIG_BENCH_TYPE", "s3");
            peerEnv.put("RCLONE_CONFIG_BENCH_PROVIDER", "Other");
            peerEnv.put("RCLONE_CONFIG_BENCH_ENDPOINT", endpoint);
            peerEnv.put("RCLONE_CONFIG_BENCH_ACCESS_KEY_ID", backend.s3().accessKey());
            peerEnv.put("RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY", backend.s3().secretKey());
            peerEnv.put("RCLONE_CONFIG_BENCH_REGION", "us-east-1");
            peerEnv.put("RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE", "true");
        }

        List<String> command(String tool) {
            return switch (tool) {
                case "rclone" -> List.of("rclone", "sync", work.resolve("tree-rclone").toString(), "bench:peers/rclone");
                case "aws" -> List.of("aws", "--endpoint-url", endpoint, "s3", "sync", work.resolve("tree-aws").toString(),
                        "s3://peers/aws", "--delete", "--only-show-errors");
                default -> skysync("-q", "sync", work.resolve("tree-skysync").toString());
            };
        }

        List<String> skysync(String... args) {
            List<String> command = new ArrayList<>(List.of(skysync.split(" ")));
            command.addAll(List.of(args));
            return command;
        }

        double time(String what, List<String> command) throws IOException, InterruptedException {
            long start = System.nanoTime();
            run(what, command);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "%-28s %7.2f s%n", what, seconds);
            return seconds;
        }

        void run(String what, List<String> command) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("last.log").toFile());
            Map<String, String> env = builder.environment();
            env.putAll(command.get(0).equals(skysync.split(" ")[0]) ? skysyncEnv : peerEnv);
            // With a CA bundle set, rclone refuses plain-HTTP endpoints.
            env.remove("AWS_CA_BUNDLE");
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
                System.err.println(what + " failed:\n" + Files.readString(work.resolve("last.log")));
                System.exit(1);
            }
        }

        static String versions(Path work) throws IOException, InterruptedException {
            List<String> out = new ArrayList<>();
            for (List<String> command : List.of(List.of("rclone", "version"), List.of("aws", "--version"))) {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
                p.waitFor();
                out.add(text.strip());
            }
            return String.join("; ", out);
        }
    }

    /** The Markdown tables. */
    static final class Report {
        static void print(int small, int large, int largeMib, Map<String, Map<String, Double>> times,
                          Map<String, Map<String, Long>> counts, String loadBefore, String loadAfter, String versions) {
            System.out.printf(Locale.ROOT, "%n%d x 4 KiB in 100 folders + %d x %d MiB; %d cores; load average %s before,"
                    + " %s after%n%s%n%n", small, large, largeMib, Runtime.getRuntime().availableProcessors(),
                    loadBefore.split(" ")[0] + " " + loadBefore.split(" ")[1], loadAfter.split(" ")[0] + " "
                            + loadAfter.split(" ")[1], versions);
            System.out.println("| tool | " + String.join(" | ", PHASES) + " |");
            System.out.println("|---|---|---|---|");
            times.forEach((tool, byPhase) -> System.out.println("| " + tool + " | " + String.join(" | ",
                    PHASES.stream().map(p -> String.format(Locale.ROOT, "%.2f s", byPhase.get(p))).toList()) + " |"));
            for (String peer : List.of("rclone", "aws")) {
                System.out.println("| skysync / " + peer + " | " + String.join(" | ", PHASES.stream().map(p -> String.format(
                        Locale.ROOT, "%.2f", times.get("skysync").get(p) / times.get(peer).get(p))).toList()) + " |");
            }
            System.out.println();
            System.out.println("| skysync requests | " + String.join(" | ", PHASES) + " |");
            System.out.println("|---|---|---|---|");
            List<String> names = new ArrayList<>(new java.util.TreeSet<>(counts.values().stream()
                    .flatMap(m -> m.keySet().stream()).toList()));
            for (String name : names) {
                System.out.println("| " + name + " | " + String.join(" | ", PHASES.stream()
                        .map(p -> String.valueOf(counts.get(p).getOrDefault(name, 0L))).toList()) + " |");
            }
        }
    }
}
