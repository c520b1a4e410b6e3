import io.skysync.infra.aws.LocalAwsBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where a first sync's time goes: a first sync of FILES files of 4 KiB in folders of 100 against
 * the local AWS backend in this JVM, with the requests the backend made in each 2 s printed as the
 * sync runs (calls by route, DynamoDB operations, S3 requests), so each phase shows how long it
 * takes and what it asks. skysync runs as its own process (SKYSYNC, the release's bin/skysync).
 * Usage: {@code java -cp JARS bench/TimelineBench.java 3000} (bench/timeline.sh).
 */
public final class TimelineBench {
    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        String skysync = System.getenv("SKYSYNC");
        Path work = Files.createTempDirectory("skysync-timeline");
        try (LocalAwsBackend backend = LocalAwsBackend.start(work.resolve("backend"), 0)) {
            Path tree = work.resolve("tree");
            generate(tree, files);
            run(work, skysync, List.of("init", tree.toString(), "--vault", "v", "--device", "d"));
            backend.resetCounters();
            System.out.println("load average " + load());
            long start = System.nanoTime();
            Process sync = start(work, skysync, List.of("-q", "sync", tree.toString()));
            Map<String, Long> seen = new TreeMap<>();
            while (!sync.waitFor(2, TimeUnit.SECONDS)) {
                System.out.println(line(start, seen, backend.counters()));
            }
            System.out.println(line(start, seen, backend.counters()));
            System.out.printf(Locale.ROOT, "exit %d after %.1f s; load average %s%n", sync.exitValue(),
                    (System.nanoTime() - start) / 1e9, load());
        }
    }

    /** The requests of each kind since the last line. */
    private static String line(long start, Map<String, Long> seen, Map<String, Long> now) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%6.1f s:", (System.nanoTime() - start) / 1e9));
        new TreeMap<>(now).forEach((name, count) -> {
            long delta = count - seen.getOrDefault(name, 0L);
            if (delta != 0 && name.contains("[")) {
                out.append(' ').append(name.replaceAll(".*\\[(.*)\\]", "$1").replace("/v1/vaults/{vault}/", "")).append('=').append(delta);
            }
        });
        seen.putAll(now);
        return out.toString();
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
    }

    private static void generate(Path root, int files) throws Exception {
        Random random = new Random(files);
        byte[] block = new byte[4096];
        for (int i = 0; i < files; i++) {
            Path file = root.resolve(String.format("d%05d/f%07d.bin", i / 100, i));
            Files.createDirectories(file.getParent());
            random.nextBytes(block);
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

    private static Process start(Path work, String skysync, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(skysync));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("last.log").toFile());
        Path home = work.resolve("home");
        builder.environment().putAll(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "SKYSYNC_DATA_DIR", work.resolve("backend").toString()));
        return builder.start();
    }

    private static void run(Path work, String skysync, List<String> args) throws Exception {
        Process process = start(work, skysync, args);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + Files.readString(work.resolve("last.log")));
        }
    }
}
