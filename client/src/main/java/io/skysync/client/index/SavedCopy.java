package io.skysync.client.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a corrupt index is kept for inspection: with its write-ahead log, under a name no earlier
 * copy has ({@code index.db.corrupt}, {@code index.db.corrupt.2}...), and put back if the new
 * index cannot be made after all.
 */
final class SavedCopy {
    private static final String[] COMPANIONS = {"", "-wal", "-shm"};

    private SavedCopy() {
    }

    /**
     * A copy of the write-ahead log left by a crash (a clean close removes it), taken before SQLite
     * opens the database: closing a connection to a corrupt database may fold the log into it or
     * delete it, and the log may hold the last commits. Null if there is no log, or no room to copy it.
     */
    static Path keepLog(Path file) {
        Path log = file.resolveSibling(file.getFileName() + "-wal");
        Path kept = file.resolveSibling(file.getFileName() + "-wal.kept");
        try {
            Files.deleteIfExists(kept);
            if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) || Files.size(log) == 0) {
                return null;
            }
            Files.copy(log, kept);
            return kept;
        } catch (IOException e) {
            deleteQuietly(kept);
            return null;
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover copy is overwritten by the next open.
            }
        }
    }

    /**
     * Moves the database, its {@code -shm} and its log (the copy taken before opening, else the
     * {@code -wal} itself) to the first free {@code index.db.corrupt[.N]} name; answers the moves
     * made, as (from, to) pairs.
     */
    static List<Path[]> moveAside(Path file, Path keptLog) {
        String name = file.getFileName().toString();
        Path saved = null;
        for (int n = 1; saved == null; n++) {
            Path candidate = file.resolveSibling(name + ".corrupt" + (n == 1 ? "" : "." + n));
            boolean free = true;
            for (String suffix : COMPANIONS) {
                free &= !Files.exists(candidate.resolveSibling(candidate.getFileName() + suffix), LinkOption.NOFOLLOW_LINKS);
            }
            saved = free ? candidate : null;
        }
        List<Path[]> moved = new ArrayList<>();
        try {
            if (keptLog != null && Files.exists(keptLog)) {
                Files.deleteIfExists(file.resolveSibling(name + "-wal"));
                Files.move(keptLog, file.resolveSibling(name + "-wal"));
            }
            for (String suffix : COMPANIONS) {
                Path from = file.resolveSibling(name + suffix);
                if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    Path to = saved.resolveSibling(saved.getFileName() + suffix);
                    Files.move(from, to);
                    moved.add(new Path[] {from, to});
                }
            }
            return moved;
        } catch (IOException e) {
            putBack(file, moved);
            throw new UncheckedIOException("cannot move the corrupt local index " + file + " aside: " + e.getMessage(), e);
        }
    }

    static void putBack(Path file, List<Path[]> moved) {
        for (String suffix : COMPANIONS) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // Best effort: the saved copy below is what matters.
            }
        }
        for (Path[] move : moved) {
            try {
                Files.move(move[1], move[0]);
            } catch (IOException ignored) {
                // The copy stays under its saved name, which the error message leads to.
            }
        }
    }
}
