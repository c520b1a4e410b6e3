package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real file watcher on a real folder: events for new files in new sub-folders arrive, skysync's
 * own files and ignored ones never do, and a removed root ends the source. Waits on conditions
 * with generous time-outs, never on timing.
 */
class DirectoryChangeSourceTest {
    private static final long GENEROUS_MILLIS = 20_000;

    @TempDir
    Path root;
    private DirectoryChangeSource source;
    private final Set<Path> changed = ConcurrentHashMap.newKeySet();
    private final Set<String> other = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve(".skysyncignore"), "build/\n*.log\n");
        source = new DirectoryChangeSource(root);
        source.start(signal -> {
            if (signal instanceof Signal.LocalChange change) {
                changed.add(change.path());
            } else {
                other.add(signal.toString());
            }
        });
    }

    @AfterEach
    void stop() {
        source.close();
    }

    @Test
    void start_newFileInANewSubFolder_isReported() throws Exception {
        Path deep = root.resolve("a/b/c");
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("note.txt"), "hello");

        await(() -> changed.contains(deep.resolve("note.txt")));
        Files.writeString(deep.resolve("second.txt"), "later, in the now watched folder");
        await(() -> changed.contains(deep.resolve("second.txt")));
    }

    @Test
    void start_ownStateAndIgnoredFiles_areNeverReported() throws Exception {
        Files.writeString(root.resolve(".skysync/index.db"), "state");
        Files.writeString(root.resolve(".skysync-tmp-abc-1"), "a download in progress");
        Files.writeString(root.resolve("build/out.class"), "ignored folder");
        Files.writeString(root.resolve("debug.log"), "ignored pattern");
        Files.writeString(root.resolve("marker.txt"), "the one that counts");

        await(() -> changed.contains(root.resolve("marker.txt")));
        assertThat(changed).containsOnly(root.resolve("marker.txt"));
    }

    @Test
    void start_rootRemoved_endsTheSource() throws Exception {
        Files.delete(root.resolve(".skysync"));
        Files.delete(root.resolve("build"));
        Files.delete(root.resolve(".skysyncignore"));
        Files.delete(root);

        await(() -> other.stream().anyMatch(s -> s.startsWith("SourceEnded")));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GENEROUS_MILLIS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
