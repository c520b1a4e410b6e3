import io.skysync.infra.aws.LocalAwsBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * One big file through skysync against a raw single PUT of the same bytes to the same S3Proxy, in
 * one run: the file's first upload (`skysync sync` of a folder holding only it, JVM start, scan and
 * commit included) against `curl -T` of the file to a presigned PUT URL (timed before and after
 * skysync's upload, the slower and the faster run bracketing the noise); then the delta uploads
 * after inserting 1 byte in the middle and after overwriting 1 MiB at 5/8 of the file, against the
 * first upload; and the chunker (bench/ChunkBench.java, -Xmx96m) against sha256sum on the same
 * file. Bytes moved are what storage gained on disk; requests are the backend's counters. skysync
 * runs as users run it, through the release's launcher and its JIT (docs/performance.md, "The
 * launcher's JIT"), with a GC log added: each step prints the client's peak heap (before a
 * collection) and its largest live set (after one). Two untimed syncs and a raw PUT of a smaller
 * file, then a few hundred small chunk-shaped PUTs, warm the backend up first ({@link #warmUp},
 * {@link #warmUpChunkPuts}); two syncs with nothing changed end the run (the
 * second shows what any sync costs). Each step also prints the CPU time of the backend (this JVM)
 * and of its own process (skysync or curl), both by thread for skysync's steps, and the first
 * upload's CPU against the raw PUT's: on 2 cores shared with other work, wall time follows CPU time.
 *
 * <p>The local AWS backend runs in this JVM (the real Lambda handler over DynamoDB Local and
 * S3Proxy), as in bench/PeersBench.java; skysync's CLI runs as its own process and finds it
 * through the data folder. Usage: {@code java -cp JARS bench/BigFileBench.java [MIB]}, with
 * SKYSYNC the skysync command and BENCH_DIR the bench folder; bench/bigfile.sh sets both.
 */
public final class BigFileBench {
    private static final int MIB = 1 << 20;
    /** More than a first upload of 1 GiB sends (about 220 chunks), so its per-request path is compiled before it. */
    private static final int WARM_UP_PUTS = 300;
    private static final Path SELF_TASKS = Path.of("/proc/self/task");
    /** The unit of /proc's CPU times (USER_HZ, 100 on Linux whatever the kernel's own tick). */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\(");

    /** One timed step: wall-clock seconds, bytes storage gained, and the backend's counters. */
    record Step(String name, double seconds, long bytes, Map<String, Long> counts, long[] heap, double[] cpu,
                Map<String, Long> threads, Map<String, Long> clientThreads) {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        Path work = Files.createTempDirectory("skysync-bigfile");
        Path tree = Files.createDirectories(work.resolve("tree"));
        Path big = tree.resolve("big.bin");
        String loadBefore = load();
        System.err.printf("generating %d MiB in %s%n", mib, big);
        generate(big, mib);
        warm(big);
        Runner run = new Runner(work, System.getenv("SKYSYNC"));
        double sha256sum = run.time("sha256sum", List.of("sha256sum", big.toString()), run.plain);
        String[] chunker = run.output(List.of("java", "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                Path.of(System.getenv("BENCH_DIR"), "ChunkBench.java").toString(), big.toString())).strip().split(" ");
        List<Step> steps = new ArrayList<>();
        try (LocalAwsBackend backend = LocalAwsBackend.start(work.resolve("backend"), 0)) {
            backend.s3().createBucket("raw");
            Function<String, List<String>> curl = key -> List.of("curl", "-sS", "-f", "-o", "/dev/null", "-T",
                    big.toString(), presignPut(backend, key).toString());
            Path stored = work.resolve("backend/s3/skysync");
            run.run("skysync init", run.skysync("init", tree.toString(), "--vault", "bench", "--device", "bench"), run.env);
            warmUp(run, work, curl);
            warmUpChunkPuts(backend, WARM_UP_PUTS);
            steps.add(step(backend, "raw PUT (curl), before", stored,
                    null, () -> run.time("raw PUT", curl.apply("before"), run.plain)));
            steps.add(sync(backend, run, stored, "first upload", tree));
            steps.add(step(backend, "raw PUT (curl), after", stored,
                    null, () -> run.time("raw PUT", curl.apply("after"), run.plain)));
            insertByte(big, Files.size(big) / 2);
            warm(big);
            steps.add(sync(backend, run, stored, "delta: 1 byte inserted in the middle", tree));
            overwrite(big, Files.size(big) * 5 / 8, MIB);
            warm(big);
            steps.add(sync(backend, run, stored, "delta: 1 MiB overwritten at 5/8", tree));
            // The last sync's scan began within the racy window of that edit, so it kept the file's
            // time untrusted and the next scan hashes (and cuts) it again; the one after that does not.
            steps.add(sync(backend, run, stored, "no change, right after an edit (hashed again)", tree));
            steps.add(sync(backend, run, stored, "no change (what any sync costs)", tree));
        }
        print(mib, loadBefore, load(), sha256sum, chunker, steps);
        delete(work);
    }

    /**
     * One untimed raw PUT and two untimed syncs of a 32 MiB file (chunked: its first upload, then
     * after an edit) on a vault of its own, so that the timed steps meet a backend whose JIT has
     * compiled its upload and commit paths, as a background local backend has after its first
     * syncs: in a cold one, compiling them costs seconds of CPU on the cores the upload needs (with
     * one warm-up sync, the backend's compiler threads still took 1.0 s of the first upload's 2.7 s).
     */
    private static void warmUp(Runner run, Path work, Function<String, List<String>> curl) throws Exception {
        Path tree = Files.createDirectories(work.resolve("tree-warm-up"));
        generate(tree.resolve("warm-up.bin"), 32);
        run.run("skysync init", run.skysync("init", tree.toString(), "--vault", "warm-up", "--device", "bench"), run.env);
        run.time("warm-up sync", run.sync(tree), run.env);
        insertByte(tree.resolve("warm-up.bin"), 16 * MIB);
        run.time("warm-up sync", run.sync(tree), run.env);
        run.time("warm-up raw PUT", curl.apply("warm-up"), run.plain);
    }

    /**
     * {@code count} small PUTs shaped as a chunk's (a presigned URL with the SHA-256 signed in,
     * checked by S3Proxy), from this JVM, untimed: S3Proxy's per-request path (signature, checksum,
     * temp file, rename) runs a few times per chunk, not per byte, so no warm-up sync sends enough
     * of them for the JIT to have compiled it. Without this, the backend's compiler threads took
     * 1.0 s of a 256 MiB first upload's 2.9 s of backend CPU, and 2.7 s of 11.3 s at 1 GiB.
     */
    private static void warmUpChunkPuts(LocalAwsBackend backend, int count) throws Exception {
        byte[] body = new byte[64 * 1024];
        new Random(14).nextBytes(body);
        String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        for (int i = 0; i < count; i++) {
            String key = "warm-up-chunk-" + i;
            PresignedPutObjectRequest put = backend.s3().presigner().presignPutObject(p -> p
                    .signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(r -> r.bucket("raw").key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(sha256)));
            HttpURLConnection connection = (HttpURLConnection) put.url().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            put.signedHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    connection.setRequestProperty(name, values.get(0));
                }
            });
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            if (connection.getResponseCode() != 200) {
                throw new IOException("warm-up PUT answered " + connection.getResponseCode());
            }
            connection.getInputStream().readAllBytes();
            connection.disconnect();
        }
    }

    private static Step sync(LocalAwsBackend backend, Runner run, Path stored, String name, Path tree) throws Exception {
        return step(backend, "skysync " + name, stored, run, () -> run.time(name, run.sync(tree), run.env));
    }

    private static URI presignPut(LocalAwsBackend backend, String key) {
        return URI.create(backend.s3().presigner().presignPutObject(p -> p.signatureDuration(Duration.ofHours(2))
                .putObjectRequest(r -> r.bucket("raw").key(key))).url().toString());
    }

    /** A step; {@code run} reads the GC log of a skysync step, null for others. */
    private static Step step(LocalAwsBackend backend, String name, Path stored, Runner run, Callable<Double> timed) throws Exception {
        long before = bytesUnder(stored) + bytesUnder(stored.resolveSibling("raw"));
        backend.resetCounters();
        double[] cpuBefore = cpu();
        Map<String, Long> threadsBefore = byName(threadTicks(SELF_TASKS));
        double seconds = timed.call();
        double[] cpuAfter = cpu();
        Map<String, Long> threads = byName(threadTicks(SELF_TASKS));
        threadsBefore.forEach((group, ticks) -> threads.merge(group, -ticks, Long::sum));
        double sampler = run == null ? 0 : run.samplerSeconds();
        Map<String, Long> counts = new HashMap<>(backend.counters());
        long after = bytesUnder(stored) + bytesUnder(stored.resolveSibling("raw"));
        return new Step(name, seconds, after - before, counts, run == null ? null : run.heap(),
                new double[] {cpuAfter[0] - cpuBefore[0] - sampler, cpuAfter[1] - cpuBefore[1]}, threads,
                run == null ? null : run.clientThreads());
    }

    /** CPU ticks (USER_HZ) so far of each thread under {@code tasksDir} (a /proc task folder), by "id name". */
    private static Map<String, Long> threadTicks(Path tasksDir) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(tasksDir)) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        }
        return ticks;
    }

    /** Ticks by thread name with the digits left out, so that a pool is one group. */
    private static Map<String, Long> byName(Map<String, Long> byThread) {
        Map<String, Long> groups = new HashMap<>();
        byThread.forEach((thread, ticks) -> groups.merge(thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#"),
                ticks, Long::sum));
        return groups;
    }

    /**
     * CPU seconds (user + system) so far of this JVM, which is the backend (S3Proxy, the Lambda
     * handler, DynamoDB Local), and of its finished children (skysync or curl: a step runs one).
     */
    private static double[] cpu() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {(Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND};
    }

    /** Random (incompressible) bytes, the same on every run. */
    private static void generate(Path file, int mib) throws IOException {
        Random random = new Random(12);
        byte[] block = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    /** Rewrites {@code file} with one byte more at {@code at}, through a temp file and a rename, as an editor saves. */
    private static void insertByte(Path file, long at) throws IOException {
        Path temp = file.resolveSibling(".big.bin.edit");
        try (FileChannel in = FileChannel.open(file); FileChannel out = FileChannel.open(temp,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, at, out);
            out.write(ByteBuffer.wrap(new byte[] {42}));
            in.transferTo(at, in.size() - at, out);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Overwrites {@code length} bytes at {@code at} in place with other random bytes. */
    private static void overwrite(Path file, long at, int length) throws IOException {
        byte[] bytes = new byte[length];
        new Random(13).nextBytes(bytes);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes), at);
        }
    }

    /** Reads the file once, so every reader finds it in the page cache. */
    private static void warm(Path file) throws IOException {
        byte[] block = new byte[MIB];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(block) > 0) {
                continue;
            }
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String load() throws IOException {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 2));
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The commands and their environments: skysync with a home of its own, the others with none of it. */
    static final class Runner {
        final Map<String, String> env = new HashMap<>();
        final Map<String, String> plain = Map.of();
        private final Path work;
        private final String skysync;
        private Map<String, Long> clientThreads = Map.of();
        private volatile long samplerNanos;

        Runner(Path work, String skysync) throws IOException {
            this.work = work;
            this.skysync = skysync;
            Path home = Files.createDirectories(work.resolve("home"));
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
            env.put("XDG_DATA_HOME", home.resolve("data").toString());
            env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
            env.put("SKYSYNC_DATA_DIR", work.resolve("backend").toString());
        }

        List<String> skysync(String... args) {
            List<String> command = new ArrayList<>(List.of(skysync.split(" ")));
            command.addAll(List.of(args));
            return command;
        }

        List<String> sync(Path tree) {
            return skysync("-q", "sync", tree.toString());
        }

        double time(String what, List<String> command, Map<String, String> with) throws IOException, InterruptedException {
            long start = System.nanoTime();
            run(what, command, with);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "%-20s %7.2f s%n", what, seconds);
            return seconds;
        }

        void run(String what, List<String> command, Map<String, String> with) throws IOException, InterruptedException {
            Path log = work.resolve("last.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(with);
            if (with != plain) {
                Files.deleteIfExists(gcLog());
                builder.environment().put("SKYSYNC_JAVA_OPTS", (System.getenv().getOrDefault("SKYSYNC_JAVA_OPTS", "")
                        + " -Xlog:gc:file=" + gcLog()).strip());
            }
            Process process = builder.start();
            Thread sampler = with == plain ? null : sampler(process);
            if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
                System.err.println(what + " failed:\n" + Files.readString(log));
                System.exit(1);
            }
            if (sampler != null) {
                sampler.join();
            }
        }

        /**
         * Reads the CPU of each of skysync's threads every 100 ms while it runs (the last reading of
         * a thread is kept): what {@link #clientThreads} answers. Its own CPU, in this JVM, is taken
         * out of the backend's.
         */
        private Thread sampler(Process process) {
            Map<String, Long> seen = new ConcurrentHashMap<>();
            clientThreads = seen;
            Thread sampler = new Thread(() -> {
                Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
                try {
                    while (process.isAlive()) {
                        seen.putAll(threadTicks(tasks));
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException ended) {
                    // the process is gone: its last reading stands
                } finally {
                    samplerNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                }
            }, "bench-sampler");
            sampler.start();
            return sampler;
        }

        /** The last skysync run's CPU ticks by thread group (read until shortly before it ended). */
        Map<String, Long> clientThreads() {
            return byName(clientThreads);
        }

        /** The CPU the last run's sampler took, in seconds. */
        double samplerSeconds() {
            return samplerNanos / 1e9;
        }

        private Path gcLog() {
            return work.resolve("gc.log");
        }

        /** The last skysync run's largest heap before a collection and largest live set after one, in MiB (0 if none ran). */
        long[] heap() throws IOException {
            long[] most = new long[2];
            if (Files.exists(gcLog())) {
                Matcher pause = GC_PAUSE.matcher(Files.readString(gcLog()));
                while (pause.find()) {
                    most[0] = Math.max(most[0], Long.parseLong(pause.group(1)));
                    most[1] = Math.max(most[1], Long.parseLong(pause.group(2)));
                }
            }
            return most;
        }

        String output(List<String> command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                System.err.println(command.get(command.size() - 2) + " failed");
                System.exit(1);
            }
            return out;
        }
    }

    private static String threadLine(String step, Map<String, Long> threads) {
        StringBuilder line = new StringBuilder("- " + step + ":");
        threads.entrySet().stream().filter(e -> e.getValue() >= 3)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / TICKS_PER_SECOND)));
        return line.toString();
    }

    private static void print(int mib, String loadBefore, String loadAfter, double sha256sum, String[] chunker,
                              List<Step> steps) {
        Map<String, Step> by = new LinkedHashMap<>();
        steps.forEach(s -> by.put(s.name(), s));
        double rawBest = Math.min(by.get("raw PUT (curl), before").seconds(), by.get("raw PUT (curl), after").seconds());
        double rawWorst = Math.max(by.get("raw PUT (curl), before").seconds(), by.get("raw PUT (curl), after").seconds());
        System.out.printf(Locale.ROOT, "%n%d MiB of random bytes; %d cores; load average %s before, %s after%n%n", mib,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.println("| step | time | file MiB/s | bytes stored | PUTs | API calls | raw PUT time / this time"
                + " | this / first upload (time, bytes) | client heap: peak, live (MiB) | CPU: backend, client |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Step s : steps) {
            boolean delta = s.name().contains("delta");
            Step first = by.get("skysync first upload");
            String vsRaw = s.name().startsWith("raw") ? "–" : String.format(Locale.ROOT, "%.2f – %.2f",
                    rawBest / s.seconds(), rawWorst / s.seconds());
            String vsFirst = delta ? String.format(Locale.ROOT, "%.3f, %.4f", s.seconds() / first.seconds(),
                    (double) s.bytes() / first.bytes()) : "–";
            long calls = s.counts().getOrDefault("function.invocations", 0L)
                    - s.counts().getOrDefault("function.invocations[GET /v1/health]", 0L);
            String heap = s.heap() == null ? "–" : s.heap()[0] + ", " + s.heap()[1];
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.0f | %.1f MiB | %d | %d | %s | %s | %s | %.2f s, %.2f s |%n", s.name(),
                    s.seconds(), mib / s.seconds(), s.bytes() / (double) MIB, s.counts().getOrDefault("s3.requests[PutObject]", 0L),
                    calls, vsRaw, vsFirst, heap, s.cpu()[0], s.cpu()[1]);
        }
        double chunkSeconds = Double.parseDouble(chunker[1]);
        Step raw = by.get("raw PUT (curl), after");
        Step first = by.get("skysync first upload");
        System.out.printf(Locale.ROOT, "%nCPU of the raw PUT (backend + curl, after) / CPU of the first upload (backend + client): %.2f%n",
                (raw.cpu()[0] + raw.cpu()[1]) / (first.cpu()[0] + first.cpu()[1]));
        System.out.printf(Locale.ROOT, "%nBackend CPU by thread (seconds; digits in names left out; threads that ended during a step are missing):%n");
        steps.forEach(s -> System.out.println(threadLine(s.name(), s.threads())));
        System.out.printf(Locale.ROOT, "%nskysync's CPU by thread (seconds, read every 100 ms: the last 100 ms of each thread are missing):%n");
        steps.stream().filter(s -> s.clientThreads() != null).forEach(s -> System.out.println(threadLine(s.name(), s.clientThreads())));
        System.out.printf(Locale.ROOT, "%n| chunker (FastCDC + SHA-256 of chunks and file, -Xmx96m) | result |%n|---|---|%n");
        System.out.printf(Locale.ROOT, "| sha256sum | %.2f s |%n| chunker | %.2f s, %s chunks, peak heap %d MiB |%n",
                sha256sum, chunkSeconds, chunker[2], Long.parseLong(chunker[3]) / MIB);
        System.out.printf(Locale.ROOT, "| sha256sum time / chunker time | %.2f |%n", sha256sum / chunkSeconds);
        System.out.println("\nraw PUT time / this time: the faster and the slower of the two curl runs (≥ 0.9 is the goal)."
                + " Client heap: from the GC log, the most in use before a collection and the most live after one."
                + " CPU: user + system seconds of this JVM (the backend) and of the step's process (skysync or curl).");
    }
}
