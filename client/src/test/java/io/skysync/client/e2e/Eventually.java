package io.skysync.client.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Waits for a condition of the file system or of a watcher, with a generous time-out: end-to-end
 * tests of continuous sync wait on outcomes and never assert on timing.
 */
final class Eventually {
    static final Duration GENEROUS = Duration.ofMinutes(3);

    private Eventually() {
    }

    interface Check {
        void verify() throws Exception;
    }

    /** Retries {@code check} until it passes; after {@code timeout} its last failure is thrown. */
    static void until(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.verify();
                return;
            } catch (AssertionError | UncheckedIOException | IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    static void until(Check check) throws Exception {
        until(GENEROUS, check);
    }

    /**
     * The synced files of a folder, path to content, without skysync's own state and its download
     * temp files; a file that disappears while it is read makes the caller look again.
     */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (rel.startsWith(".skysync/") || file.getFileName().toString().startsWith(".skysync-tmp-")) {
                    continue;
                }
                out.put(Normalizer.normalize(rel, Normalizer.Form.NFC), Files.readString(file));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
