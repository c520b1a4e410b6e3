import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.domain.VaultPath;
import io.skysync.infra.aws.LocalAwsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
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
 * of 100, its first sync, then the median of three no-op syncs (SCALE_RUNS) with their CPU time, with the no-op's peak heap (the
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
 *
 * <p>Trees of at least SCALE_SEED_FROM files (default 1 000 000) get their synced state seeded
 * ({@link Seeded}) instead of a first sync of the whole tree, whose commits alone would take over an
 * hour on DynamoDB Local: only the first folder (100 files) is synced for real, by the CLI; then the
 * rest of the tree is written, and every other file's index row is that folder's row for the file in
 * the same place, with its own path and its own size, time and file key as read from the disk. The
 * vault's manifest then holds the seed's entries only, which a no-op never reads (it asks the
 * change feed from the index's cursor, which is the vault's head: one call, the same few
 * DynamoDB reads whatever the tree); the client's part (read every row, stat every file, plan every
 * path) is that of a tree synced for real. Seeded trees always hold the same content in every file.
 */
public final class ScaleBench {
    /** How many no-ops each build runs (SCALE_RUNS, default 3): the median is reported. */
    private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("SCALE_RUNS", "3"));
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern USED_AT_EXIT = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    public static void main(String[] args) throws Exception {
        String skysync = System.getenv("SKYSYNC");
        String baseline = System.getenv("SKYSYNC_BASELINE");
        boolean sameContent = "1".equals(System.getenv("SCALE_SAME_CONTENT"));
        String seedFromText = System.getenv("SCALE_SEED_FROM");
        int seedFrom = seedFromText == null || seedFromText.isBlank() ? 1_000_000 : Integer.parseInt(seedFromText);
        Path work = Files.createTempDirectory("skysync-scale");
        List<String> rows = new ArrayList<>();
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        try (LocalAwsBackend backend = LocalAwsBackend.start(work.resolve("backend"), 0)) {
            for (String arg : args) {
                int files = Integer.parseInt(arg);
                Path tree = work.resolve("tree-" + files);
                boolean seeded = files >= seedFrom;
                int synced = seeded ? Math.min(files, Seeded.SEED_FILES) : files;
                generate(tree, 0, synced, sameContent || seeded);
                run(work, skysync, List.of("init", tree.toString(), "--vault", "v" + files, "--device", "d"), null);
                backend.resetCounters();
                double first = run(work, baseline != null ? baseline : skysync, List.of("-q", "sync", tree.toString()), null);
                Map<String, Long> firstCounts = backend.counters();
                String firstSync = String.format(Locale.ROOT, "%.1f s", first);
                if (seeded) {
                    long start = System.nanoTime();
                    generate(tree, synced, files, true);
                    Seeded.extend(tree, synced, files);
                    firstSync = String.format(Locale.ROOT, "seeded: %,d synced in %.1f s, the rest in %.1f s", synced, first,
                            (System.nanoTime() - start) / 1e9);
                    Seeded.requireNoOp(work, run(work, skysync, List.of("sync", "--json", tree.toString()), null));
                }
                hold(work, tree);
                IndexCopies copies = new IndexCopies(tree.resolve(".skysync").resolve("index.db"));
                if (baseline != null) {
                    copies.save("baseline");
                    // Untimed: the current build converts the older build's index once.
                    run(work, skysync, List.of("-q", "sync", tree.toString()), null);
                    copies.save("current");
                }
                List<Double> noOps = new ArrayList<>();
                List<Double> baseNoOps = new ArrayList<>();
                List<Double> cpus = new ArrayList<>();
                List<Double> baseCpus = new ArrayList<>();
                long peak = 0;
                long basePeak = 0;
                Map<String, Long> noOpCounts = Map.of();
                for (int i = 0; i < RUNS; i++) {
                    if (baseline != null) {
                        Path gcLog = work.resolve("gc-base-" + files + "-" + i + ".log");
                        copies.restore("baseline");
                        baseNoOps.add(run(work, baseline, List.of("-q", "sync", tree.toString()), gcLog));
                        baseCpus.add(lastCpu);
                        basePeak = Math.max(basePeak, peakHeapMib(gcLog));
                        copies.restore("current");
                    }
                    Path gcLog = work.resolve("gc-" + files + "-" + i + ".log");
                    backend.resetCounters();
                    noOps.add(run(work, skysync, List.of("-q", "sync", tree.toString()), gcLog));
                    cpus.add(lastCpu);
                    if (baseline != null) {
                        copies.save("current");
                    }
                    noOpCounts = backend.counters();
                    peak = Math.max(peak, peakHeapMib(gcLog));
                }
                System.err.println("no-op wall " + noOps + ", CPU " + cpus + (baseline == null ? ""
                        : "; baseline wall " + baseNoOps + ", CPU " + baseCpus));
                List.of(noOps, baseNoOps, cpus, baseCpus).forEach(l -> l.sort(Comparator.naturalOrder()));
                String before = baseline == null ? "" : String.format(Locale.ROOT, " %.2f s, CPU %.2f s | %d MiB | %.2f |",
                        median(baseNoOps), median(baseCpus), basePeak, median(baseNoOps) / median(noOps));
                rows.add(String.format(Locale.ROOT, "| %,d | %s | %d / %d / %d | %.2f s, CPU %.2f s | %d MiB | %d / %d |%s", files, firstSync,
                        firstCounts.getOrDefault("function.invocations", 0L), firstCounts.getOrDefault("dynamodb.operations", 0L),
                        firstCounts.getOrDefault("s3.requests", 0L) - firstCounts.getOrDefault("s3.requests[PutObject]", 0L),
                        median(noOps), median(cpus), peak, noOpCounts.getOrDefault("function.invocations", 0L),
                        noOpCounts.getOrDefault("dynamodb.operations", 0L), before));
                System.err.println(rows.get(rows.size() - 1));
                delete(tree);
            }
        }
        System.out.printf(Locale.ROOT, "%n%d cores; load average %s before, %s after%n%n", Runtime.getRuntime().availableProcessors(),
                load.substring(0, load.indexOf(' ', load.indexOf(' ') + 1)),
                Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+).*", "$1"));
        System.out.println("| files (4 KiB) | first sync | its calls / DynamoDB / S3 checks | no-op (median: wall, CPU) | no-op peak heap"
                + " | its calls / DynamoDB |" + (baseline == null ? "" : " baseline no-op | its peak heap | baseline / no-op |"));
        System.out.println("|---|---|---|---|---|---|" + (baseline == null ? "" : "---|---|---|"));
        rows.forEach(System.out::println);
        delete(work);
    }

    /**
     * With SCALE_HOLD (a file name), once a tree's synced state is ready: writes into that file the
     * environment a skysync run needs to reach this JVM's backend and that tree, then waits until the
     * file is deleted, so no-ops can be profiled by hand on the same state (the timed runs follow).
     */
    private static void hold(Path work, Path tree) throws IOException, InterruptedException {
        String holdFile = System.getenv("SCALE_HOLD");
        if (holdFile == null || holdFile.isBlank()) {
            return;
        }
        Path home = work.resolve("home");
        Path hold = Path.of(holdFile);
        Files.writeString(hold, String.join("\n", "export HOME=" + home, "export XDG_CONFIG_HOME=" + home.resolve("config"),
                "export XDG_DATA_HOME=" + home.resolve("data"), "export XDG_CACHE_HOME=" + home.resolve("cache"),
                "export SKYSYNC_DATA_DIR=" + work.resolve("backend"), "export TREE=" + tree, ""));
        System.err.println("holding: the state is ready; delete " + hold + " to go on");
        while (Files.exists(hold)) {
            Thread.sleep(1000);
        }
    }

    /** Files {@code from} (inclusive) to {@code to} of the tree, 100 to a folder, modified a while ago. */
    private static void generate(Path root, int from, int to, boolean sameContent) throws IOException {
        Random random = new Random(to);
        byte[] block = new byte[4096];
        random.nextBytes(block);
        // Written a while ago: a file modified within the scanner's racy window is hashed once more.
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 120_000);
        for (int i = from; i < to; i++) {
            Path file = root.resolve(name(i));
            if (i % 100 == 0) {
                Files.createDirectories(file.getParent());
            }
            if (!sameContent) {
                random.nextBytes(block);
            }
            Files.write(file, block);
            Files.setLastModifiedTime(file, past);
        }
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "d%05d/f%07d.bin", i / 100, i);
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    /** GNU time, where there is one: each run's CPU time (user + system) beside its wall time. */
    private static final Path TIME = Path.of("/usr/bin/time");
    private static double lastCpu = Double.NaN;

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
            // SCALE_JAVA_OPTS: more options for the timed no-ops (a JFR recording, say).
            String more = System.getenv().getOrDefault("SCALE_JAVA_OPTS", "");
            builder.environment().put("SKYSYNC_JAVA_OPTS", ("-Xlog:gc,gc+heap+exit:file=" + gcLog + " " + more).strip());
        }
        Path cpu = work.resolve("last.cpu");
        if (Files.isExecutable(TIME)) {
            // Its user and system time, children (the JVM's threads) included: what the run costs a busy machine.
            command.addAll(0, List.of(TIME.toString(), "-f", "%U %S", "-o", cpu.toString()));
            builder.command(command);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(work.resolve("last.log")));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        lastCpu = Double.NaN;
        if (Files.exists(cpu)) {
            String[] userSys = Files.readString(cpu).strip().split("\\s+");
            lastCpu = Double.parseDouble(userSys[userSys.length - 2]) + Double.parseDouble(userSys[userSys.length - 1]);
            Files.delete(cpu);
        }
        return wall;
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

    /** The synced state of a tree whose first folder was synced for real: see the class comment. */
    private static final class Seeded {
        static final int SEED_FILES = 100;

        private Seeded() {
        }

        /** Writes the index rows of files {@code synced} to {@code files} (and their folders), cloned from the seed's. */
        static void extend(Path tree, int synced, int files) throws IOException {
            try (SqliteIndexStore index = SqliteIndexStore.open(tree.resolve(".skysync").resolve("index.db"))) {
                Map<VaultPath, IndexRow> seed = index.load();
                IndexRow folder = seed.get(VaultPath.of(name(0).substring(0, name(0).indexOf('/'))));
                if (folder == null || seed.size() != synced + 1) {
                    throw new IllegalStateException("the seed's first sync left " + seed.size() + " rows, not " + (synced + 1));
                }
                List<IndexRow> rows = new ArrayList<>();
                for (int i = synced; i < files; i++) {
                    String name = name(i);
                    if (i % 100 == 0) {
                        String dir = name.substring(0, name.indexOf('/'));
                        rows.add(clone(folder, dir, tree.resolve(dir)));
                    }
                    IndexRow template = seed.get(VaultPath.of(name(i % synced)));
                    rows.add(clone(template, name, tree.resolve(name)));
                }
                index.save(rows, List.of(), index.cursor());
            }
        }

        /** Untimed, after seeding: a seeded state that is not a no-op (a file hashed, a call more) would time something else. */
        static void requireNoOp(Path work, double seconds) throws IOException {
            String answer = Files.readString(work.resolve("last.log"));
            for (String expected : List.of("\"uploaded\":[],\"downloaded\":[],\"deletedLocal\":[],\"deletedRemote\":[]",
                    "\"failures\":[]", "\"hashed\":0,", "\"apiCalls\":1,")) {
                if (!answer.contains(expected)) {
                    throw new IllegalStateException("the seeded state is no synced state (" + expected + " missing, "
                            + seconds + " s): " + answer);
                }
            }
        }

        /** {@code template} for another path, with that file's own status as a scan reads it and a commit sends it. */
        private static IndexRow clone(IndexRow template, String name, Path file) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object key = attrs.fileKey();
            LocalStat stat = new LocalStat(attrs.isDirectory() ? 0 : attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? null : key.toString(), template.local().hash());
            RemoteFile seen = template.remote();
            // The entry a commit of this file would have made: its own modification time (the metadata rule weighs it).
            RemoteFile entry = new RemoteFile(seen.version(), seen.hash(), seen.size(), attrs.lastModifiedTime().toMillis(),
                    seen.executable());
            return new IndexRow(VaultPath.of(name), name, stat, template.synced(), entry);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
