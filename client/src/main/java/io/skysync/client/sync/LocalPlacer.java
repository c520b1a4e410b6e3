package io.skysync.client.sync;

import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes files in the sync root, and nothing outside it: temp files beside their target, atomic
 * renames, and a re-check right before each change that the local file is still what the scan saw
 * (Mutagen's rule: never overwrite or delete what changed since the scan).
 */
final class LocalPlacer {
    private final SafeRoot root;
    private final AtomicLong tempCounter = new AtomicLong();

    LocalPlacer(SafeRoot root) {
        this.root = root;
    }

    /** A fresh temp file name beside {@code target}, ignored by every scan. */
    Path tempFor(Path target, ContentHash hash) {
        return target.resolveSibling(IgnoreRules.TEMP_PREFIX + hash.shortHex() + "-" + tempCounter.incrementAndGet());
    }

    Path target(String localName) throws UnsafePathException {
        Path target = root.resolve(localName);
        root.checkParents(target);
        return target;
    }

    Path prepare(String localName) throws UnsafePathException, IOException {
        Path target = root.resolve(localName);
        root.createParents(target);
        return target;
    }

    /**
     * Renames {@code temp} over {@code target} if the target is still {@code expected} (null: still
     * absent); otherwise deletes the temp and throws. Returns the placed file as the index records it.
     */
    LocalFile place(Path temp, Path target, VaultPath path, String localName, LocalFile expected, RemoteFile remote)
            throws IOException, UnsafePathException, ChangedMeanwhileException {
        try {
            root.checkParents(target);
            requireUnchanged(target, expected);
            if (remote.mtimeMillis() > 0) {
                Files.setLastModifiedTime(temp, FileTime.fromMillis(remote.mtimeMillis()));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LocalFile(path, localName, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                key(attrs), remote.hash());
    }

    /** Deletes the local file if it is still {@code expected}; removes folders it leaves empty. */
    void delete(String localName, LocalFile expected) throws IOException, UnsafePathException, ChangedMeanwhileException {
        Path target = target(localName);
        requireUnchanged(target, expected);
        Files.delete(target);
        root.removeEmptyParents(target);
    }

    /** Renames a local file to a new name in the root (a conflict copy); refuses to replace anything. */
    LocalFile rename(LocalFile from, VaultPath toPath, String toLocalName)
            throws IOException, UnsafePathException, ChangedMeanwhileException {
        Path source = target(from.localName());
        Path dest = target(toLocalName);
        requireUnchanged(source, from);
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChangedMeanwhileException(toLocalName + " already exists");
        }
        Files.move(source, dest, StandardCopyOption.ATOMIC_MOVE);
        BasicFileAttributes attrs = Files.readAttributes(dest, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LocalFile(toPath, toLocalName, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                key(attrs), from.hash());
    }

    /** True if the file is still exactly what the scan saw, so its content may be read as {@code file.hash()}. */
    boolean unchanged(LocalFile file) {
        try {
            requireUnchanged(target(file.localName()), file);
            return true;
        } catch (IOException | UnsafePathException | ChangedMeanwhileException e) {
            return false;
        }
    }

    private static void requireUnchanged(Path target, LocalFile expected) throws IOException, ChangedMeanwhileException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            now = null;
        }
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

    private static String key(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? null : key.toString();
    }

    /** The local file is no longer what the scan saw; nothing was changed. */
    static final class ChangedMeanwhileException extends Exception {
        ChangedMeanwhileException(String message) {
            super(message);
        }
    }
}
