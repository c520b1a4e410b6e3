package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.ExecutableBit;
import io.skysync.client.scan.FileModes;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.scan.RootFileOpener;
import io.skysync.domain.Folder;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Changes files in the sync root, and nothing outside it: staged downloads are renamed into place
 * atomically through folder handles ({@link RootFolder}), and right before each change the local
 * file is checked to be still what the scan saw (Mutagen's rule: never overwrite or delete what
 * changed since the scan).
 */
final class LocalPlacer {
    private static final long LAST_SETTABLE_MILLIS = Long.MAX_VALUE / 1_000_000_000L * 1_000L;
    private final SafeRoot root;
    private final StagingArea staging;
    /** Whether the root's volume keeps mode bits ({@link FileModes}): without, none is set or read. */
    private final boolean modes;

    LocalPlacer(SafeRoot root, StagingArea staging) {
        this.modes = FileModes.keptAt(root.root());
        this.root = root;
        this.staging = staging;
    }

    /** The staging folder this placer renames from. */
    StagingArea staging() {
        return staging;
    }

    /** Where a file the scan saw can be read (for an upload or a local copy). */
    Path source(LocalFile file) throws UnsafePathException {
        Path path = root.resolve(file.localName());
        root.checkParents(path);
        return path;
    }

    /**
     * Opens a file the scan saw for reading (a local copy, a chunk of it) through its folders' handles,
     * no link followed below the root ({@link RootFileOpener}): what is read is checked against the
     * expected hash before anything is placed, and this keeps it from being read outside the root at all.
     */
    SeekableByteChannel read(LocalFile file) throws IOException, UnsafePathException {
        Path path = source(file);
        try (RootFileOpener opener = RootFileOpener.under(root.root())) {
            return opener.open(path);
        }
    }

    /**
     * Renames the staged {@code temp} over the target if the target is still {@code expected}
     * (null: still absent); the temp is gone afterwards either way. Returns the placed file as the
     * index records it.
     */
    LocalFile place(Path temp, VaultPath path, String localName, LocalFile expected, RemoteFile remote)
            throws IOException, UnsafePathException, ChangedMeanwhileException {
        String name = fileName(localName);
        try (RootFolder folder = root.folderOf(localName, true); RootFolder tmp = staging.folder()) {
            requireUnchanged(folder.stat(name), expected);
            keepIgnoreRules(localName, expected != null);
            Boolean bit = null;
            if (modes) {
                ExecutableBit.set(temp, remote.executable());
                bit = ExecutableBit.read(temp);
            }
            // 0 is the one unknown time; one before 1970 is a time like any other (MetadataRule).
            if (remote.mtimeMillis() != 0) {
                Files.setLastModifiedTime(temp, settable(remote.mtimeMillis()));
            }
            try {
                folder.moveFrom(tmp, temp.getFileName().toString(), name);
            } catch (AtomicMoveNotSupportedException otherDisk) {
                String beside = ".skysync-tmp-" + temp.getFileName();
                folder.copyIn(temp, beside);
                folder.moveFrom(folder, beside, name);
            }
            return local(path, localName, folder.stat(name), remote, bit);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the local file if it is still {@code expected}. The folders it leaves are left alone: a
     * folder is an entry of its own, removed by its own deletion ({@link #deleteFolder}).
     */
    void delete(String localName, LocalFile expected) throws IOException, UnsafePathException, ChangedMeanwhileException {
        try (RootFolder folder = root.folderOf(localName, false)) {
            requireUnchanged(folder.stat(fileName(localName)), expected);
            keepIgnoreRules(localName, true);
            folder.delete(fileName(localName));
        }
    }

    /** Makes the folder (and those above it); one that is already there is fine, a file there is not. */
    LocalFile makeFolder(VaultPath path, String localName) throws IOException, UnsafePathException, ChangedMeanwhileException {
        try (RootFolder parent = root.folderOf(localName, true)) {
            BasicFileAttributes now = parent.stat(fileName(localName));
            if (now != null && (now.isSymbolicLink() || !now.isDirectory())) {
                throw new ChangedMeanwhileException("a local file appeared meanwhile; it will be compared on the next sync");
            }
        }
        root.createFolder(localName);
        try (RootFolder parent = root.folderOf(localName, false)) {
            BasicFileAttributes attrs = parent.stat(fileName(localName));
            if (attrs == null || !attrs.isDirectory()) {
                throw new IOException(localName + " vanished right after it was made");
            }
            return new LocalFile(path, localName, 0, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key(attrs),
                    Folder.MARK);
        }
    }

    /**
     * Removes the folder if it is still a folder and empty. False if it holds something (an ignored
     * file, a file that appeared meanwhile, one whose deletion was refused): it is kept, never emptied.
     */
    boolean deleteFolder(String localName) throws IOException, UnsafePathException, ChangedMeanwhileException {
        try (RootFolder parent = root.folderOf(localName, false)) {
            BasicFileAttributes now = parent.stat(fileName(localName));
            if (now == null) {
                return true;
            }
            if (now.isSymbolicLink() || !now.isDirectory()) {
                throw new ChangedMeanwhileException("the folder was replaced during the sync; it will be synced next time");
            }
            try {
                parent.deleteFolder(fileName(localName));
                return true;
            } catch (DirectoryNotEmptyException holdsSomething) {
                return false;
            }
        }
    }

    /** Sets the remote version's modification time and bit on the local file, if it is still {@code expected}. */
    LocalFile touch(LocalFile expected, RemoteFile remote) throws IOException, UnsafePathException, ChangedMeanwhileException {
        return setMetadata(expected, remote.mtimeMillis(), remote.executable());
    }

    /**
     * Sets the time and the bit on the local file, if it is still {@code expected}; {@code mtimeMillis}
     * 0 and {@code bit} null leave them as they are.
     */
    LocalFile setMetadata(LocalFile expected, long mtimeMillis, Boolean bit)
            throws IOException, UnsafePathException, ChangedMeanwhileException {
        String name = fileName(expected.localName());
        try (RootFolder folder = root.folderOf(expected.localName(), false)) {
            requireUnchanged(folder.stat(name), expected);
            if (bit != null && expected.executable() != null) {
                folder.setExecutable(name, bit);
            }
            if (mtimeMillis != 0) {
                folder.setModified(name, settable(mtimeMillis));
            }
            BasicFileAttributes attrs = folder.stat(name);
            if (attrs == null) {
                throw new IOException(expected.localName() + " vanished right after its time was set");
            }
            Boolean now = !modes || expected.executable() == null ? null : ExecutableBit.read(root.resolve(expected.localName()));
            return new LocalFile(expected.path(), expected.localName(), attrs.size(),
                    attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key(attrs), expected.hash(), now);
        }
    }

    /** Renames a local file to a new name in the root (a conflict copy); refuses to replace anything. */
    LocalFile rename(LocalFile from, VaultPath toPath, String toLocalName)
            throws IOException, UnsafePathException, ChangedMeanwhileException {
        try (RootFolder source = root.folderOf(from.localName(), false); RootFolder dest = root.folderOf(toLocalName, true)) {
            requireUnchanged(source.stat(fileName(from.localName())), from);
            if (dest.stat(fileName(toLocalName)) != null) {
                throw new ChangedMeanwhileException(toLocalName + " already exists");
            }
            keepIgnoreRules(from.localName(), true);
            dest.moveFrom(source, fileName(from.localName()), fileName(toLocalName));
            BasicFileAttributes attrs = dest.stat(fileName(toLocalName));
            return new LocalFile(toPath, toLocalName, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key(attrs), from.hash());
        }
    }

    /** True if the file is still exactly what the scan saw, so its content may be read as {@code file.hash()}. */
    boolean unchanged(LocalFile file) {
        try (RootFolder folder = root.folderOf(file.localName(), false)) {
            requireUnchanged(folder.stat(fileName(file.localName())), file);
            return true;
        } catch (IOException | UnsafePathException | ChangedMeanwhileException e) {
            return false;
        }
    }

    /**
     * The root's ignore file is about to be replaced, removed or renamed by what another device did:
     * its rules stay in force ({@link IgnoreRules#keep}), so that device cannot widen what this one sends.
     */
    private void keepIgnoreRules(String localName, boolean present) throws IOException {
        if (present && localName.equals(IgnoreRules.FILE_NAME)) {
            IgnoreRules.keep(root.root());
        }
    }

    private static LocalFile local(VaultPath path, String localName, BasicFileAttributes attrs, RemoteFile remote,
                                   Boolean executable) throws IOException {
        if (attrs == null) {
            throw new IOException(localName + " vanished right after it was placed");
        }
        return new LocalFile(path, localName, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key(attrs),
                remote.hash(), executable);
    }

    private static void requireUnchanged(BasicFileAttributes now, LocalFile expected) throws ChangedMeanwhileException {
        if (expected == null) {
            if (now != null) {
                throw new ChangedMeanwhileException("a local file appeared meanwhile; it will be compared on the next sync");
            }
            return;
        }
        if (now == null || now.isSymbolicLink()
                || !expected.sameStat(now.size(), now.lastModifiedTime().to(TimeUnit.NANOSECONDS), key(now))) {
            throw new ChangedMeanwhileException("the local file changed during the sync; it will be synced next time");
        }
    }

    /**
     * A time the disk calls take: the vault keeps any number, but beyond the nanoseconds a file time
     * has (1677 to 2262) the calls fail or wrap around. Whole seconds, as they are at the bounds; the
     * time the disk then holds is what the next sync weighs (and sends, once).
     */
    static FileTime settable(long millis) {
        return FileTime.fromMillis(Math.max(-LAST_SETTABLE_MILLIS, Math.min(LAST_SETTABLE_MILLIS, millis)));
    }

    private static String fileName(String localName) {
        return localName.substring(localName.lastIndexOf('/') + 1);
    }

    private static String key(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? null : key.toString();
    }

    /** The local file is no longer what the scan saw; nothing was changed. */
    static final class ChangedMeanwhileException extends Exception {
        private static final long serialVersionUID = 1L;

        ChangedMeanwhileException(String message) {
            super(message);
        }
    }
}
