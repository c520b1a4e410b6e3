import com.sun.management.OperatingSystemMXBean;
import io.skysync.client.scan.ParallelHasher;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hashes every file under a folder with the client's hasher, on THREADS threads (default: one per
 * core), as the scan calls it (the files with their sizes), ROUNDS times in this one JVM; prints
 * "files bytes seconds cpu_seconds", the medians of the last TIMED rounds (CPU: the whole process,
 * JIT compiler and collector threads included). ROUNDS 1 (the default) is what a fresh CLI pays.
 * Usage: {@code java -cp CLIENT_JARS bench/HashBench.java DIR [THREADS [ROUNDS [TIMED]]]}.
 */
public final class HashBench {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Long> sizes = new ArrayList<>(files.size());
        long bytes = 0;
        for (Path f : files) {
            sizes.add(Files.size(f));
            bytes += sizes.get(sizes.size() - 1);
        }
        ParallelHasher hasher = args.length > 1 ? new ParallelHasher(Integer.parseInt(args[1])) : ParallelHasher.perCore();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int timed = Math.min(rounds, args.length > 3 ? Integer.parseInt(args[3]) : 1);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[timed];
        double[] cpu = new double[timed];
        int hashed = 0;
        for (int r = 0; r < rounds; r++) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            hashed = hasher.hash(files, sizes).size();
            long end = System.nanoTime();
            long cpuEnd = os.getProcessCpuTime();
            int t = r - (rounds - timed);
            if (t >= 0) {
                wall[t] = (end - start) / 1e9;
                cpu[t] = (cpuEnd - cpuStart) / 1e9;
            }
        }
        System.out.printf("%d %d %.3f %.3f%n", hashed, bytes, median(wall), median(cpu));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
