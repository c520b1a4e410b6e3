package io.skysync.client.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a sync root's file system keeps each file's own mode bits. A FAT, exFAT or NTFS volume,
 * or an SMB share, mounted on Linux or macOS still answers POSIX permissions, but they come from
 * the mount's options (every file 0755 under a usual {@code fmask}), and a {@code chmod} there fails
 * or is dropped. Read as real, they would mark every file executable and flip the bit on every
 * other device; such a root's bit is unknown instead, as on Windows: the manifest's is kept, never
 * cleared, and nothing is set on disk (Syncthing's {@code ignorePerms} for the same volumes).
 */
public final class FileModes {
    private static final Set<String> WITHOUT_MODES = Set.of("vfat", "msdos", "fat", "exfat", "ntfs", "ntfs3",
            "fuseblk", "cifs", "smb3", "smbfs");

    private FileModes() {
    }

    /** True if files under {@code root} keep mode bits of their own (true if the volume cannot be told). */
    public static boolean keptAt(Path root) {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        try {
            return keptBy(Files.getFileStore(root).type());
        } catch (IOException | SecurityException e) {
            return true;
        }
    }

    /** True unless {@code fileStoreType} (as {@link java.nio.file.FileStore#type()} names it) is a volume without modes. */
    static boolean keptBy(String fileStoreType) {
        return !WITHOUT_MODES.contains(fileStoreType.toLowerCase(Locale.ROOT));
    }
}
