package io.skysync.client.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import io.skysync.client.scan.IgnoreRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.helpers.NOPLogger;

/**
 * File events of a folder tree from {@code io.methvin:directory-watcher}: the JDK's inotify
 * {@code WatchService} on Linux (every folder registered, new ones as they appear), native FSEvents
 * on macOS (the JDK's macOS {@code WatchService} only polls). Folders that are skipped anyway (the
 * {@code .skysync} state folder, what {@code .skysyncignore} leaves out) are not watched at all,
 * which spares the system's watch limit; events for ignored files never reach the watcher.
 */
public final class DirectoryChangeSource implements ChangeSource {
    private final Path root;
    private volatile IgnoreRules rules;
    private volatile boolean closed;
    private DirectoryWatcher watcher;
    private ExecutorService thread;

    public DirectoryChangeSource(Path root) {
        this.root = root.toAbsolutePath();
        this.rules = IgnoreRules.none();
    }

    @Override
    public void start(Consumer<Signal> sink) throws IOException {
        closed = false;
        rules = IgnoreRules.load(root);
        watcher = DirectoryWatcher.builder().path(root).fileHashing(false).logger(NOPLogger.NOP_LOGGER)
                .fileTreeVisitor(new Skipping()).listener(new Listener(sink)).build();
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "skysync-watch-" + root.getFileName());
            t.setDaemon(true);
            return t;
        });
        // Registers the whole tree before answering; a failure (the watch limit) completes it exceptionally.
        CompletableFuture<Void> done = watcher.watchAsync(thread);
        if (done.isCompletedExceptionally()) {
            close();
            try {
                done.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
                throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
            }
        }
        done.whenComplete((ignored, error) -> {
            if (!closed) {
                sink.accept(new Signal.SourceEnded(error == null ? "its folder is no longer watched" : error.toString()));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            // Closing a watch service that failed: nothing left to release.
        }
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private final class Listener implements DirectoryChangeListener {
        private final Consumer<Signal> sink;

        Listener(Consumer<Signal> sink) {
            this.sink = sink;
        }

        @Override
        public void onEvent(DirectoryChangeEvent event) throws IOException {
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
                sink.accept(new Signal.Rescan("the system's event queue overflowed"));
                return;
            }
            Path path = event.path();
            if (path == null || !path.startsWith(root) || path.equals(root)) {
                return;
            }
            String relative = relative(path);
            if (relative.equals(IgnoreRules.FILE_NAME)) {
                rules = IgnoreRules.load(root);
            }
            if (!rules.ignored(relative, event.isDirectory())) {
                sink.accept(new Signal.LocalChange(path));
            }
        }

        @Override
        public void onException(Exception e) {
            if (!closed) {
                sink.accept(new Signal.Rescan("a folder could not be watched: " + e.getMessage()));
            }
        }

        @Override
        public boolean isWatching() {
            return !closed;
        }
    }

    /** Walks the tree as the library needs, leaving out the folders that are never synced. */
    private final class Skipping implements FileTreeVisitor {
        @Override
        public void recursiveVisitFiles(Path start, Callback onDirectory, Callback onFile) throws IOException {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(root) && rules.ignored(relative(dir), true)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    onDirectory.call(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    onFile.call(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Gone between listing and visiting (a burst of deletes), or unreadable: the sync reports it.
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }
}
