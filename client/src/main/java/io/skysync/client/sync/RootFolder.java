package io.skysync.client.sync;

import io.skysync.client.scan.ExecutableBit;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

/**
 * One folder of the sync root, opened from the root down one name at a time without following
 * links: a parent swapped for a symlink after it was checked cannot redirect a rename, a deletion
 * or a stat, because they go through the folder's handle ({@code renameat}, {@code unlinkat}),
 * never through its path. Where the platform has no such handles ({@link SecureDirectoryStream}
 * is missing on Windows), the path is used and checked again right before each change.
 */
abstract class RootFolder implements Closeable {

    /** The entry's attributes, not following a link; null if there is none. */
    abstract BasicFileAttributes stat(String name) throws IOException;

    /** Moves {@code name} of {@code from} here as {@code newName}, atomically, replacing what is there. */
    abstract void moveFrom(RootFolder from, String name, String newName) throws IOException;

    abstract void delete(String name) throws IOException;

    /** Sets the modification time of {@code name}, not following a link. */
    abstract void setModified(String name, FileTime time) throws IOException;

    /** Sets or clears the executable bit of {@code name}, not following a link; nothing where the disk has none. */
    abstract void setExecutable(String name, boolean executable) throws IOException;

    /** Removes the folder {@code name} if it is empty; a {@link java.nio.file.DirectoryNotEmptyException} otherwise. */
    abstract void deleteFolder(String name) throws IOException;

    /** Copies {@code source} into a new file {@code name} of this folder (for a folder on another file system). */
    abstract void copyIn(Path source, String name) throws IOException;

    /** Opens the folder {@code segments} below {@code root}, refusing a link or a file on the way. */
    static RootFolder open(Path root, String[] segments) throws IOException, UnsafePathException {
        DirectoryStream<Path> top = Files.newDirectoryStream(root);
        if (!(top instanceof SecureDirectoryStream<Path> current)) {
            top.close();
            return byPath(root, segments);
        }
        try {
            for (String segment : segments) {
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(root.getFileSystem().getPath(segment), LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (IOException e) {
                    throw new UnsafePathException(String.join("/", segments), "the folder " + segment
                            + " is a link or a file, not a folder");
                }
                current.close();
                current = next;
            }
            return new ByHandle(current, root.getFileSystem().getPath(""));
        } catch (IOException | UnsafePathException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    /** The path-checking form, as on a platform without directory handles (and for its tests everywhere). */
    static RootFolder byPath(Path root, String[] segments) throws UnsafePathException {
        return new ByPath(root, segments);
    }

    /** Through a directory handle: race-free. */
    private static final class ByHandle extends RootFolder {
        private final SecureDirectoryStream<Path> dir;
        private final Path empty;

        ByHandle(SecureDirectoryStream<Path> dir, Path empty) {
            this.dir = dir;
            this.empty = empty;
        }

        @Override
        BasicFileAttributes stat(String name) throws IOException {
            try {
                return dir.getFileAttributeView(empty.resolve(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        void moveFrom(RootFolder from, String name, String newName) throws IOException {
            if (!(from instanceof ByHandle source)) {
                throw new IllegalArgumentException("both folders come from the same kind of root");
            }
            source.dir.move(empty.resolve(name), dir, empty.resolve(newName));
        }

        @Override
        void delete(String name) throws IOException {
            dir.deleteFile(empty.resolve(name));
        }

        @Override
        void deleteFolder(String name) throws IOException {
            dir.deleteDirectory(empty.resolve(name));
        }

        @Override
        void setExecutable(String name, boolean executable) throws IOException {
            PosixFileAttributeView view = dir.getFileAttributeView(empty.resolve(name), PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                view.setPermissions(ExecutableBit.with(view.readAttributes().permissions(), executable));
            }
        }

        @Override
        void setModified(String name, FileTime time) throws IOException {
            dir.getFileAttributeView(empty.resolve(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, null, null);
        }

        @Override
        void copyIn(Path source, String name) throws IOException {
            try (SeekableByteChannel out = dir.newByteChannel(empty.resolve(name), Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)); InputStream in = Files.newInputStream(source)) {
                in.transferTo(Channels.newOutputStream(out));
            }
        }

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }

    /** Through paths, each change preceded by a check that no folder on the way is a link. */
    private static final class ByPath extends RootFolder {
        private final Path root;
        private final Path folder;

        ByPath(Path root, String[] segments) throws UnsafePathException {
            this.root = root;
            Path current = root;
            for (String segment : segments) {
                current = current.resolve(segment);
            }
            this.folder = current;
            check();
        }

        private void check() throws UnsafePathException {
            for (Path p = folder; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafePathException(root.relativize(folder).toString(), "the folder "
                            + root.relativize(p) + " is a link or a file, not a folder");
                }
            }
        }

        @Override
        BasicFileAttributes stat(String name) throws IOException {
            try {
                return Files.readAttributes(folder.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        void moveFrom(RootFolder from, String name, String newName) throws IOException {
            Path source = ((ByPath) from).folder.resolve(name);
            guarded(() -> Files.move(source, folder.resolve(newName), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING));
        }

        @Override
        void delete(String name) throws IOException {
            guarded(() -> Files.delete(folder.resolve(name)));
        }

        @Override
        void deleteFolder(String name) throws IOException {
            guarded(() -> Files.delete(folder.resolve(name)));
        }

        @Override
        void setExecutable(String name, boolean executable) throws IOException {
            guarded(() -> ExecutableBit.set(folder.resolve(name), executable));
        }

        @Override
        void setModified(String name, FileTime time) throws IOException {
            guarded(() -> Files.getFileAttributeView(folder.resolve(name), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(time, null, null));
        }

        @Override
        void copyIn(Path source, String name) throws IOException {
            guarded(() -> Files.copy(source, folder.resolve(name)));
        }

        private void guarded(IoAction action) throws IOException {
            try {
                check();
            } catch (UnsafePathException e) {
                throw new IOException(e.getMessage(), e);
            }
            action.run();
        }

        @Override
        public void close() {
            // Nothing is held open.
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
