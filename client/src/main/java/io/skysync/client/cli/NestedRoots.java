package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import io.skysync.client.scan.IgnoreRules;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A synced folder never lies inside another one, nor contains one: the outer vault would sync the
 * inner folder's files too (its state folder is left out, but nothing else), and each sync would
 * undo the other's deletions and moves.
 */
final class NestedRoots {
    private NestedRoots() {
    }

    /**
     * @param root the folder to initialize or join into (it may not exist yet); being a skysync
     *             folder itself is fine
     * @throws UserError naming the other skysync folder
     */
    static void refuse(Path root) throws IOException {
        Optional<Path> outer = enclosing(root);
        if (outer.isPresent()) {
            throw new UserError(root + " is inside the skysync folder " + outer.get() + ", whose vault already syncs"
                    + " it; choose a folder outside it");
        }
        Optional<Path> inner = Files.isDirectory(root) ? contained(root) : Optional.empty();
        if (inner.isPresent()) {
            throw new UserError(root + " contains the skysync folder " + inner.get() + ", which syncs with a vault of"
                    + " its own; choose a folder without one, or remove " + ConfigFile.stateDir(inner.get()) + " first");
        }
    }

    /** The nearest ancestor that is a skysync folder, looking at the real path too (a symlinked folder). */
    private static Optional<Path> enclosing(Path root) throws IOException {
        Path existing = root.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        for (Path start : new Path[] {root.toAbsolutePath().normalize(), existing == null ? null : existing.toRealPath()}) {
            for (Path dir = start == null ? null : start.getParent(); dir != null; dir = dir.getParent()) {
                if (ConfigFile.exists(dir)) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    /** The first skysync folder below {@code root} (links are not followed). */
    private static Optional<Path> contained(Path root) throws IOException {
        Path[] found = new Path[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (!IgnoreRules.isInternal(root.relativize(dir).toString().replace('\\', '/'))) {
                    return FileVisitResult.CONTINUE;
                }
                if (!dir.getParent().equals(root) && Files.isRegularFile(dir.resolve("config.toml"))) {
                    found[0] = dir.getParent();
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return Optional.ofNullable(found[0]);
    }
}
