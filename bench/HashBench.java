import io.skysync.client.scan.ParallelHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hashes every file under a folder with the client's hasher, on THREADS threads (default: one per
 * core); prints "files bytes seconds". Usage: {@code java -cp CLIENT_JAR bench/HashBench.java DIR [THREADS]}.
 */
public final class HashBench {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        long start = System.nanoTime();
        ParallelHasher hasher = args.length > 1 ? new ParallelHasher(Integer.parseInt(args[1])) : ParallelHasher.perCore();
        List<?> results = hasher.hash(files);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %d %.3f%n", results.size(), bytes, seconds);
    }
}
