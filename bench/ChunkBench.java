import io.skysync.content.ChunkId;
import io.skysync.content.CutFile;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts one file into chunks and hashes them and the whole file, as an upload does; prints
 * "bytes seconds chunks peakHeapBytes" (the peak over every heap pool, since the JVM started).
 */
public final class ChunkBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        CutFile cut;
        try (InputStream in = Files.newInputStream(file)) {
            cut = CutFile.of(in, ChunkId.SHA256);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%d %.3f %d %d%n", cut.size(), seconds, cut.chunks().size(), peak);
    }
}
