import io.skysync.client.scan.ParallelHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Hashes every file under a folder with the client's hasher (one thread per core); prints "files bytes seconds". */
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
        List<?> results = ParallelHasher.perCore().hash(files);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %d %.3f%n", results.size(), bytes, seconds);
    }
}
