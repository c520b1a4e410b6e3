package io.skysync.client.scan;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens files below the sync root for reading without following a link anywhere below the root:
 * each file through its folder's handle, the folder opened from the root one name at a time with
 * {@code O_NOFOLLOW} (as {@code sync.RootFolder} does for changes), so a folder swapped for a link
 * between the scan's walk and its read makes the read fail instead of reading what the link points
 * to (docs/security.md, "Reading the sync root"). The folders of the last file stay open, so the
 * files of one folder, which come one after the other, cost one {@code openat} each. Where the
 * platform has no such handles (Windows), the folders on the way are checked by path before each
 * open, which narrows the race but cannot close it. One per thread; close it when done.
 */
public abstract class RootFileOpener implements Closeable {
    private static final FileSystem DEFAULT = FileSystems.getDefault();
    /**
     * Whether opening with {@link LinkOption#NOFOLLOW_LINKS} fails on a symlink (O_NOFOLLOW: Linux, macOS),
     * so no look at the file is needed before it is opened. Elsewhere (Windows) it opens the link itself.
     */
    private static final boolean DEFAULT_REFUSES_LINKS = DEFAULT.supportedFileAttributeViews().contains("posix");
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private RootFileOpener() {
    }

    /** Opens {@code file}, a path below the root this opener was made for, refusing a link on the way or at its end. */
    public abstract SeekableByteChannel open(Path file) throws IOException;

    /** An opener for files below {@code root}: through folder handles where the platform has them. */
    public static RootFileOpener under(Path root) {
        return new Lazy(root);
    }

    /** The path-checking form, as on a platform without directory handles (and for its tests everywhere). */
    static RootFileOpener byPath(Path root) {
        return new ByPath(root);
    }

    /**
     * Opens {@code file} by its path, refusing a link at its end only (a link among its folders is
     * followed): for a file not known to be below the root.
     */
    public static FileChannel openByPath(Path file) throws IOException {
        boolean refusesLinks = DEFAULT_REFUSES_LINKS && file.getFileSystem() == DEFAULT;
        if (!refusesLinks && Files.isSymbolicLink(file)) {
            throw linked();
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // The JDK's message for O_NOFOLLOW's refusal is "Too many levels of symbolic links".
            if (refusesLinks && Files.isSymbolicLink(file)) {
                throw linked();
            }
            throw e;
        }
    }

    private static IOException linked() {
        return new IOException("is a symbolic link");
    }

    /** The names of the folders from {@code root} down to {@code file}'s (none for a file in the root itself). */
    private static List<Path> folders(Path root, Path file) throws IOException {
        int from = root.getNameCount();
        int to = file.getNameCount() - 1;
        if (!file.startsWith(root) || to < from) {
            throw new IOException("is not below the sync root");
        }
        List<Path> names = new ArrayList<>(to - from);
        for (int i = from; i <= to; i++) {
            Path name = file.getName(i);
            String text = name.toString();
            if (text.equals("..") || text.equals(".")) {
                throw new IOException("has " + text + " in its path");
            }
            if (i < to) {
                names.add(name);
            }
        }
        return names;
    }

    /** Chooses the form on the first open, so a root that cannot be opened fails each file, not the hasher. */
    private static final class Lazy extends RootFileOpener {
        private final Path root;
        private RootFileOpener chosen;

        Lazy(Path root) {
            this.root = root;
        }

        @Override
        public SeekableByteChannel open(Path file) throws IOException {
            if (chosen == null) {
                DirectoryStream<Path> top = Files.newDirectoryStream(root);
                if (top instanceof SecureDirectoryStream<Path> handle) {
                    chosen = new ByHandle(root, handle);
                } else {
                    top.close();
                    chosen = new ByPath(root);
                }
            }
            return chosen.open(file);
        }

        @Override
        public void close() throws IOException {
            if (chosen != null) {
                chosen.close();
            }
        }
    }

    /** Through folder handles: the chain from the root to the last file's folder stays open. */
    private static final class ByHandle extends RootFileOpener {
        private final Path root;
        /** The handles of the root and of the folders in {@link #names}, in order. */
        private final List<SecureDirectoryStream<Path>> open = new ArrayList<>();
        private final List<Path> names = new ArrayList<>();

        ByHandle(Path root, SecureDirectoryStream<Path> top) {
            this.root = root;
            open.add(top);
        }

        @Override
        public SeekableByteChannel open(Path file) throws IOException {
            List<Path> wanted = folders(root, file);
            int kept = 0;
            while (kept < names.size() && kept < wanted.size() && names.get(kept).equals(wanted.get(kept))) {
                kept++;
            }
            while (names.size() > kept) {
                closeLast();
            }
            while (names.size() < wanted.size()) {
                Path name = wanted.get(names.size());
                SecureDirectoryStream<Path> parent = open.get(open.size() - 1);
                SecureDirectoryStream<Path> next;
                try {
                    next = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (IOException e) {
                    throw refused(parent, name, "the folder " + String.join("/", names(wanted, names.size() + 1)), e);
                }
                open.add(next);
                names.add(name);
            }
            SecureDirectoryStream<Path> folder = open.get(open.size() - 1);
            Path name = file.getFileName();
            try {
                return folder.newByteChannel(name, READ);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                throw refused(folder, name, null, e);
            }
        }

        private static List<String> names(List<Path> folders, int count) {
            return folders.subList(0, count).stream().map(Path::toString).toList();
        }

        /** Why {@code name} did not open: said plainly if it is a link (O_NOFOLLOW's "too many levels") or a file. */
        private static IOException refused(SecureDirectoryStream<Path> parent, Path name, String folder, IOException e) {
            try {
                BasicFileAttributes now = parent.getFileAttributeView(name, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes();
                if (now.isSymbolicLink()) {
                    return folder == null ? linked() : new IOException(folder + " is a symbolic link (not followed)", e);
                }
                if (folder != null && !now.isDirectory()) {
                    return new IOException(folder + " is not a folder", e);
                }
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            return e;
        }

        private void closeLast() throws IOException {
            names.remove(names.size() - 1);
            open.remove(open.size() - 1).close();
        }

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (SecureDirectoryStream<Path> handle : open) {
                try {
                    handle.close();
                } catch (IOException e) {
                    failed = e;
                }
            }
            open.clear();
            names.clear();
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** Through paths, each open preceded by a check that no folder on the way is a link. */
    private static final class ByPath extends RootFileOpener {
        private final Path root;

        ByPath(Path root) {
            this.root = root;
        }

        @Override
        public SeekableByteChannel open(Path file) throws IOException {
            Path folder = root;
            for (Path name : folders(root, file)) {
                folder = folder.resolve(name);
                if (!Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
                    throw new IOException("the folder " + root.relativize(folder) + " is a link or a file, not a folder");
                }
            }
            return openByPath(file);
        }

        @Override
        public void close() {
            // Nothing is held open.
        }
    }
}
