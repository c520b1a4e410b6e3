import io.skysync.infra.aws.LocalAwsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a sync's cost grows with the tree: for each size, a tree of that many 4 KiB files in folders
 * of 100, its first sync, then the median of three no-op syncs, with the no-op's peak heap (the
 * largest heap occupancy before a collection, from the JVM's GC log) and the backend requests each
 * phase made. The local AWS backend runs in this JVM and stays up; skysync runs as its own process
 * (SKYSYNC, the release's bin/skysync). With SKYSYNC_BASELINE (another build's bin/skysync), each
 * no-op is also run with it, alternating, on the same synced state: the ratio baseline / SKYSYNC. The
 * first sync is then the baseline's (an older build may not read a newer build's index), and each
 * build's runs start from its own copy of the index (IndexCopies), written back in place with its
 * time, so the current build's check stamp holds as it would between a user's syncs.
 * With SCALE_SAME_CONTENT=1 every file holds the same 4 KiB, so the first sync uploads one blob (a
 * no-op never reads content: its cost is the same, the state is the one a real sync of that tree
 * makes). Usage: {@code java -cp JARS bench/ScaleBench.java 1000 10000 100000} (bench/scale.sh).
 */
public final class ScaleBench {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern USED_AT_EXIT = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    public static void main(String[] args) throws Exception {
        String skysync = System.getenv("SKYSYNC");
        String baseline = System.getenv("SKYSYNC_BASELINE");
        boolean sameContent = "1".equals(System.getenv("SCALE_SAME_CONTENT"));
        Path work = Files.createTempDirectory("skysync-scale");
        List<String> rows = new ArrayList<>();
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        try (LocalAwsBackend backend = LocalAwsBackend.start(work.resolve("backend"), 0)) {
            for (String arg : args) {
                int files = Integer.parseInt(arg);
                Path tree = work.resolve("tree-" + files);
                generate(tree, files, sameContent);
                run(work, skysync, List.of("init", tree.toString(), "--vault", "v" + files, "--device", "d"), null);
                backend.resetCounters();
                double first = run(work, baseline != null ? baseline : skysync, List.of("-q", "sync", tree.toString()), null);
                Map<String, Long> firstCounts = backend.counters();
                IndexCopies copies = new IndexCopies(tree.resolve(".skysync").resolve("index.db"));
                if (baseline != null) {
                    copies.save("baseline");
                    // Untimed: the current build converts the older build's index once.
                    run(work, skysync, List.of("-q", "sync", tree.toString()), null);
                    copies.save("current");
                }
                List<Double> noOps = new ArrayList<>();
                List<Double> baseNoOps = new ArrayList<>();
                long peak = 0;
                long basePeak = 0;
                Map<String, Long> noOpCounts = Map.of();
                for (int i = 0; i < 3; i++) {
                    if (baseline != null) {
                        Path gcLog = work.resolve("gc-base-" + files + "-" + i + ".log");
                        copies.restore("baseline");
                        baseNoOps.add(run(work, baseline, List.of("-q", "sync", tree.toString()), gcLog));
                        basePeak = Math.max(basePeak, peakHeapMib(gcLog));
                        copies.restore("current");
                    }
                    Path gcLog = work.resolve("gc-" + files + "-" + i + ".log");
                    backend.resetCounters();
                    noOps.add(run(work, skysync, List.of("-q", "sync", tree.toString()), gcLog));
                    if (baseline != null) {
                        copies.save("current");
                    }
                    noOpCounts = backend.counters();
                    peak = Math.max(peak, peakHeapMib(gcLog));
                }
                noOps.sort(Comparator.naturalOrder());
                baseNoOps.sort(Comparator.naturalOrder());
                String before = baseline == null ? "" : String.format(Locale.ROOT, " %.2f s | %d MiB | %.2f |", baseNoOps.get(1),
                        basePeak, baseNoOps.get(1) / noOps.get(1));
                rows.add(String.format(Locale.ROOT, "| %,d | %.1f s | %d / %d / %d | %.2f s | %d MiB | %d / %d |%s", files, first,
                        firstCounts.getOrDefault("function.invocations", 0L), firstCounts.getOrDefault("dynamodb.operations", 0L),
                        firstCounts.getOrDefault("s3.requests", 0L) - firstCounts.getOrDefault("s3.requests[PutObject]", 0L),
                        noOps.get(1), peak, noOpCounts.getOrDefault("function.invocations", 0L),
                        noOpCounts.getOrDefault("dynamodb.operations", 0L), before));
                System.err.println(rows.get(rows.size() - 1));
                delete(tree);
            }
        }
        System.out.printf(Locale.ROOT, "%n%d cores; load average %s before, %s after%n%n", Runtime.getRuntime().availableProcessors(),
                load.substring(0, load.indexOf(' ', load.indexOf(' ') + 1)),
                Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+).*", "$1"));
        System.out.println("| files (4 KiB) | first sync | its calls / DynamoDB / S3 checks | no-op (median of 3) | no-op peak heap"
                + " | its calls / DynamoDB |" + (baseline == null ? "" : " baseline no-op | its peak heap | baseline / no-op |"));
        System.out.println("|---|---|---|---|---|---|" + (baseline == null ? "" : "---|---|---|"));
        rows.forEach(System.out::println);
        delete(work);
    }

    private static void generate(Path root, int files, boolean sameContent) throws IOException {
        Random random = new Random(files);
        byte[] block = new byte[4096];
        random.nextBytes(block);
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(String.format("d%05d/f%07d.bin", i / 100, i));
            if (i % 100 == 0) {
                Files.createDirectories(file.getParent());
            }
            if (!sameContent) {
                random.nextBytes(block);
            }
            Files.write(file, block);
        }
        // Written a while ago: a file modified within the scanner's racy window is hashed once more.
        long past = System.currentTimeMillis() - 120_000;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(past));
            }
        }
    }

    private static double run(Path work, String skysync, List<String> args, Path gcLog) throws Exception {
        List<String> command = new ArrayList<>(List.of(skysync));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("last.log").toFile());
        Path home = work.resolve("home");
        builder.environment().putAll(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "SKYSYNC_DATA_DIR", work.resolve("backend").toString()));
        if (gcLog != null) {
            builder.environment().put("SKYSYNC_JAVA_OPTS", "-Xlog:gc,gc+heap+exit:file=" + gcLog);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(work.resolve("last.log")));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The largest heap occupancy before a collection, or at exit if that was more (MiB). */
    private static long peakHeapMib(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        String log = Files.readString(gcLog);
        long peak = 0;
        Matcher m = GC.matcher(log);
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        long atExit = 0;
        Matcher used = USED_AT_EXIT.matcher(log);
        while (used.find()) {
            atExit += Long.parseLong(used.group(1));
        }
        return Math.max(peak, atExit / 1024);
    }

    /** Each build's own copy of a tree's index and check stamp, put back in place (the same file, its time kept). */
    private static final class IndexCopies {
        private final Path index;
        private final Path stamp;
        private final Map<String, byte[][]> saved = new HashMap<>();
        private final Map<String, FileTime> times = new HashMap<>();

        IndexCopies(Path index) {
            this.index = index;
            this.stamp = index.resolveSibling("index.db.checked");
        }

        void save(String build) throws IOException {
            saved.put(build, new byte[][] {Files.readAllBytes(index), Files.exists(stamp) ? Files.readAllBytes(stamp) : null});
            times.put(build, Files.getLastModifiedTime(index));
        }

        void restore(String build) throws IOException {
            byte[][] copy = saved.get(build);
            Files.deleteIfExists(index.resolveSibling("index.db-wal"));
            Files.deleteIfExists(index.resolveSibling("index.db-shm"));
            Files.write(index, copy[0]);
            Files.setLastModifiedTime(index, times.get(build));
            if (copy[1] == null) {
                Files.deleteIfExists(stamp);
            } else {
                Files.write(stamp, copy[1]);
            }
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
