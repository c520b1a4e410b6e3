package io.skysync.client.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file's executable bit, where the file system has one. The bit a version carries is the owner's
 * execute permission; setting it gives execute to each class that may read the file (as
 * {@code chmod +x} under a usual umask), clearing it takes execute from all. On a file system without
 * POSIX permissions (Windows, FAT) it reads as null, unknown: the bit the manifest has is kept, never
 * cleared, and nothing is set on disk.
 */
public final class ExecutableBit {
    private ExecutableBit() {
    }

    /** The bit of {@code file} (not following a link), or null where there is none or it cannot be read. */
    public static Boolean read(Path file) {
        if (!supported(file)) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** {@code permissions} with the bit set or cleared. */
    public static Set<PosixFilePermission> with(Set<PosixFilePermission> permissions, boolean executable) {
        Set<PosixFilePermission> out = permissions.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class)
                : EnumSet.copyOf(permissions);
        out.removeAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        if (executable) {
            out.add(PosixFilePermission.OWNER_EXECUTE);
            if (out.contains(PosixFilePermission.GROUP_READ)) {
                out.add(PosixFilePermission.GROUP_EXECUTE);
            }
            if (out.contains(PosixFilePermission.OTHERS_READ)) {
                out.add(PosixFilePermission.OTHERS_EXECUTE);
            }
        }
        return out;
    }

    /**
     * The bit from attributes a walk read already (not following links), so a scan reads each
     * file's status once: on a POSIX file system they carry the permissions.
     */
    public static Boolean of(BasicFileAttributes attrs, Path file) {
        return attrs instanceof PosixFileAttributes posix ? posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                : read(file);
    }

    /** Sets the bit on {@code file} (a staged download); a file system without it is left alone. */
    public static void set(Path file, Boolean executable) throws IOException {
        if (executable == null || !supported(file)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(with(view.readAttributes().permissions(), executable));
    }

    static boolean supported(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
