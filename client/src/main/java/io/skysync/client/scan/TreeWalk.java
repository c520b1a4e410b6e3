package io.skysync.client.scan;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * {@code Files.walkFileTree} without following links, reading each entry's status once: where the
 * file system has POSIX permissions, the attributes handed to the visitor are
 * {@link PosixFileAttributes}, so a scan needs no second look per file for its executable bit (the
 * JDK's walk hands over attributes without them). The calls come in the JDK walk's order, and
 * failures go where it sends them: an entry whose status cannot be read, or a folder that cannot
 * be opened, to {@code visitFileFailed}; a folder that fails while it is listed, to
 * {@code postVisitDirectory}.
 *
 * <p>Where the platform has directory handles ({@link SecureDirectoryStream}: Linux, macOS), each
 * entry is read and each sub-folder opened through its folder's handle, never through its path
 * ({@code fstatat}, {@code openat} with {@code O_NOFOLLOW}): a folder swapped for a link to
 * somewhere outside the root after its parent was listed is refused (an unreadable entry), and a
 * folder swapped while it is listed goes on being listed where it is, not where the link points
 * (docs/security.md, "Reading the sync root"). The paths handed to the visitor are the same either
 * way. Elsewhere (Windows) entries are read by their paths, as the JDK's walk does.
 */
final class TreeWalk {
    private TreeWalk() {
    }

    static void walk(Path root, FileVisitor<Path> visitor) throws IOException {
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        Class<? extends BasicFileAttributes> type = posix ? PosixFileAttributes.class : BasicFileAttributes.class;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(root, type, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            visitor.visitFileFailed(root, e);
            return;
        }
        if (!attrs.isDirectory()) {
            visitor.visitFile(root, attrs);
            return;
        }
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(root);
        } catch (IOException e) {
            visitor.visitFileFailed(root, e);
            return;
        }
        if (entries instanceof SecureDirectoryStream<Path> handle) {
            new ByHandle(posix ? PosixFileAttributeView.class : BasicFileAttributeView.class, visitor)
                    .listed(root, handle, attrs);
        } else {
            listed(root, entries, attrs, type, visitor);
        }
    }

    private static FileVisitResult visit(Path path, Class<? extends BasicFileAttributes> type, FileVisitor<Path> visitor)
            throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, type, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return visitor.visitFileFailed(path, e);
        }
        if (!attrs.isDirectory()) {
            return visitor.visitFile(path, attrs);
        }
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(path);
        } catch (IOException e) {
            return visitor.visitFileFailed(path, e);
        }
        return listed(path, entries, attrs, type, visitor);
    }

    private static FileVisitResult listed(Path path, DirectoryStream<Path> entries, BasicFileAttributes attrs,
                                          Class<? extends BasicFileAttributes> type, FileVisitor<Path> visitor)
            throws IOException {
        return listed(path, entries, attrs, visitor, entry -> visit(entry, type, visitor));
    }

    /** One folder's calls in the JDK walk's order, each entry handed to {@code entryVisit}; {@code entries} is closed here. */
    private static FileVisitResult listed(Path path, DirectoryStream<Path> entries, BasicFileAttributes attrs,
                                          FileVisitor<Path> visitor, EntryVisit entryVisit) throws IOException {
        IOException failure = null;
        try (entries) {
            FileVisitResult entered = visitor.preVisitDirectory(path, attrs);
            if (entered != FileVisitResult.CONTINUE) {
                return entered == FileVisitResult.SKIP_SUBTREE ? FileVisitResult.CONTINUE : entered;
            }
            for (Path entry : entries) {
                FileVisitResult result = entryVisit.visit(entry);
                if (result == FileVisitResult.TERMINATE) {
                    return result;
                }
                if (result == FileVisitResult.SKIP_SIBLINGS) {
                    break;
                }
            }
        } catch (DirectoryIteratorException e) {
            failure = e.getCause();
        }
        return visitor.postVisitDirectory(path, failure);
    }

    @FunctionalInterface
    private interface EntryVisit {
        FileVisitResult visit(Path entry) throws IOException;
    }

    /** The walk through directory handles: each entry named relative to its folder's open handle. */
    private static final class ByHandle {
        private final Class<? extends BasicFileAttributeView> view;
        private final FileVisitor<Path> visitor;

        ByHandle(Class<? extends BasicFileAttributeView> view, FileVisitor<Path> visitor) {
            this.view = view;
            this.visitor = visitor;
        }

        /** {@code path}'s entries, read through {@code folder}, its open handle (closed here). */
        FileVisitResult listed(Path path, SecureDirectoryStream<Path> folder, BasicFileAttributes attrs) throws IOException {
            return TreeWalk.listed(path, folder, attrs, visitor, entry -> visit(folder, entry));
        }

        private FileVisitResult visit(SecureDirectoryStream<Path> folder, Path entry) throws IOException {
            // The name alone: a relative path is resolved against the handle, an absolute one would not be.
            Path name = entry.getFileName();
            BasicFileAttributes attrs;
            try {
                attrs = stat(folder, name);
            } catch (IOException e) {
                return visitor.visitFileFailed(entry, e);
            }
            if (!attrs.isDirectory()) {
                return visitor.visitFile(entry, attrs);
            }
            SecureDirectoryStream<Path> sub;
            try {
                sub = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return visitor.visitFileFailed(entry, swapped(folder, name, e));
            }
            return listed(entry, sub, attrs);
        }

        private BasicFileAttributes stat(SecureDirectoryStream<Path> folder, Path name) throws IOException {
            return folder.getFileAttributeView(name, view, LinkOption.NOFOLLOW_LINKS).readAttributes();
        }

        /** Why a folder seen a moment ago did not open: said plainly if it became a link (O_NOFOLLOW's "too many levels"). */
        private IOException swapped(SecureDirectoryStream<Path> folder, Path name, IOException e) {
            try {
                BasicFileAttributes now = stat(folder, name);
                if (!now.isDirectory()) {
                    return new IOException("replaced by a " + (now.isSymbolicLink() ? "symbolic link" : "file")
                            + " while it was scanned (not followed)", e);
                }
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            return e;
        }
    }
}
