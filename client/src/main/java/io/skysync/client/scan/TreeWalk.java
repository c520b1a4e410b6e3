package io.skysync.client.scan;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * {@code Files.walkFileTree} without following links, reading each entry's status once: where the
 * file system has POSIX permissions, the attributes handed to the visitor are
 * {@link PosixFileAttributes}, so a scan needs no second look per file for its executable bit (the
 * JDK's walk hands over attributes without them). The calls come in the JDK walk's order, and
 * failures go where it sends them: an entry whose status cannot be read, or a folder that cannot
 * be opened, to {@code visitFileFailed}; a folder that fails while it is listed, to
 * {@code postVisitDirectory}.
 */
final class TreeWalk {
    private TreeWalk() {
    }

    static void walk(Path root, FileVisitor<Path> visitor) throws IOException {
        Class<? extends BasicFileAttributes> type = root.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? PosixFileAttributes.class : BasicFileAttributes.class;
        visit(root, type, visitor);
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
        IOException failure = null;
        try (entries) {
            FileVisitResult entered = visitor.preVisitDirectory(path, attrs);
            if (entered != FileVisitResult.CONTINUE) {
                return entered == FileVisitResult.SKIP_SUBTREE ? FileVisitResult.CONTINUE : entered;
            }
            for (Path entry : entries) {
                FileVisitResult result = visit(entry, type, visitor);
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
}
