package io.skysync.client.sync;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The only way the engine turns a name into a place on disk. Refuses any name that would land
 * outside the root: {@code ..}, absolute paths, and a parent folder that is a symlink (which could
 * point anywhere). Changes go through a {@link RootFolder} opened from the root without following
 * links, so a folder swapped for a link after the check cannot redirect them.
 */
public final class SafeRoot {
    private final Path root;

    public SafeRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A file inside the root for a {@code /}-separated relative name; throws if it would escape. */
    public Path resolve(String relativeName) throws UnsafePathException {
        if (relativeName == null || relativeName.isEmpty() || relativeName.startsWith("/") || relativeName.contains("\\")) {
            throw new UnsafePathException(relativeName, "not a relative path");
        }
        Path target = root;
        for (String segment : relativeName.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw new UnsafePathException(relativeName, "has an empty, '.' or '..' segment");
            }
            Path next = target.resolve(segment);
            if (next.getParent() == null || !next.getParent().equals(target) || next.isAbsolute() != target.isAbsolute()) {
                throw new UnsafePathException(relativeName, "a segment is not a plain name");
            }
            target = next;
        }
        Path normalized = target.normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            throw new UnsafePathException(relativeName, "resolves outside the sync root");
        }
        return normalized;
    }

    /** The folder holding {@code relativeName}, opened without following links; with {@code create}, made first. */
    RootFolder folderOf(String relativeName, boolean create) throws IOException, UnsafePathException {
        Path target = resolve(relativeName);
        if (create) {
            createParents(target);
        } else {
            checkParents(target);
        }
        Path parent = root.relativize(target).getParent();
        String[] segments = new String[parent == null ? 0 : parent.getNameCount()];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = parent.getName(i).toString();
        }
        return RootFolder.open(root, segments);
    }

    /** Checks that every existing folder between the root and {@code file} is a real folder, not a symlink. */
    public void checkParents(Path file) throws UnsafePathException {
        Path rel = root.relativize(file);
        Path current = root;
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            current = current.resolve(rel.getName(i));
            if (Files.isSymbolicLink(current)) {
                throw new UnsafePathException(rel.toString(), "the folder " + root.relativize(current) + " is a symlink");
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePathException(rel.toString(), root.relativize(current) + " is a file, not a folder");
            }
        }
    }

    /** Creates the missing folders above {@code file}, one by one, refusing symlinks on the way. */
    public void createParents(Path file) throws UnsafePathException, IOException {
        checkParents(file);
        Path rel = root.relativize(file);
        Path current = root;
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            current = current.resolve(rel.getName(i));
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException raced) {
                    // Created meanwhile; checked again below.
                }
            }
            if (Files.isSymbolicLink(current) || !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePathException(rel.toString(), root.relativize(current) + " is not a plain folder");
            }
        }
    }

    /** Creates the folder {@code relativeName} and the missing ones above it, refusing symlinks on the way. */
    void createFolder(String relativeName) throws UnsafePathException, IOException {
        Path target = resolve(relativeName);
        createParents(target.resolve("child"));
    }
}
