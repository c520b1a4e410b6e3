package io.skysync.client.sync;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one folder where downloads are staged, {@code .skysync/tmp} inside the root: a temp file is
 * never written beside its target, where a folder swapped for a link during the download could
 * take it outside the root. A staged file reaches its place by one atomic rename between folder
 * handles ({@link LocalPlacer}). What a killed run left here is removed when the next run starts.
 */
final class StagingArea {
    static final String STATE = ".skysync";
    static final String FOLDER = "tmp";
    private final SafeRoot root;
    private final Path dir;
    private final AtomicLong counter = new AtomicLong();

    StagingArea(SafeRoot root) {
        this.root = root;
        this.dir = root.root().resolve(STATE).resolve(FOLDER);
    }

    /** Creates the folder (private to the user where the disk has permissions), empties it; returns how many files it removed. */
    int prepare() throws IOException {
        requirePlainFolder(dir.getParent(), true);
        requirePlainFolder(dir, true);
        int removed = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir)) {
            for (Path file : stale) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** A fresh name for a staged download of {@code hash}. */
    Path newTemp(ContentHash hash) {
        return dir.resolve(hash.shortHex() + "-" + counter.incrementAndGet() + ".part");
    }

    /** The staging folder, opened as the root's folders are. */
    RootFolder folder() throws IOException, UnsafePathException {
        return RootFolder.open(root.root(), new String[] {STATE, FOLDER});
    }

    private static void requirePlainFolder(Path folder, boolean create) throws IOException {
        if (Files.isSymbolicLink(folder) || (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException("refused to stage downloads in " + folder + ": it is not a plain folder");
        }
        if (create && !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(folder);
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder inherits the user's profile permissions.
            }
        }
    }
}
