package io.skysync.client.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What the index file looked like when this program last closed it after a clean check ({@code
 * index.db.checked}: size, modification time in nanoseconds, file key). {@code PRAGMA quick_check}
 * reads every page, about 0.1 s at 100 000 files and growing with the index; a file that nothing has
 * written since it passed (the same stamp, and no write-ahead log: a run that died or a connection
 * still open leaves one) would pass again, so its check is skipped. What that leaves to later is
 * damage that keeps a file's size and time (the disk itself, or someone setting the time back): a
 * read or write that fails then (a row, the cursor, a chunk list) is an error of that run, which
 * forgets the stamp and does not write it at close, so the next open
 * checks and, if the check fails, moves the index aside as any corrupt one.
 */
final class CheckStamp {
    private CheckStamp() {
    }

    /** True if {@code index} is, by its stat, the file this program last checked and closed. */
    static boolean matches(Path index) {
        Path stamp = stampOf(index);
        try {
            if (Files.exists(index.resolveSibling(index.getFileName() + "-wal"), LinkOption.NOFOLLOW_LINKS)
                    || !Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            return Files.readString(stamp, StandardCharsets.UTF_8).equals(describe(index));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * After a clean close: the file as it is now passed its check (written whole, or not at all). A stamp
     * that says so already stays as it is, so a no-op sync writes no file at all.
     */
    static void record(Path index) {
        Path stamp = stampOf(index);
        Path temp = stamp.resolveSibling(stamp.getFileName() + ".tmp");
        try {
            String now = describe(index);
            if (Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(now)) {
                return;
            }
            Files.writeString(temp, now, StandardCharsets.UTF_8);
            Files.move(temp, stamp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // No stamp: the next open checks the index, as it did before stamps.
            SavedCopy.deleteQuietly(temp);
            forget(index);
        }
    }

    static void forget(Path index) {
        SavedCopy.deleteQuietly(stampOf(index));
    }

    private static Path stampOf(Path index) {
        return index.resolveSibling(index.getFileName() + ".checked");
    }

    private static String describe(Path index) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(index, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attrs.size() + " " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + attrs.fileKey();
    }
}
