package io.skysync.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The check, as ssh makes it, that a folder holding secrets is the user's own: whoever owns a
 * folder or may write into it can swap the files in it (an endpoint, a secret, a lock, a token)
 * for their own, whatever the files' own modes say. Skipped where the file system has no POSIX
 * permissions.
 */
public final class PrivateFolder {
    private PrivateFolder() {
    }

    /**
     * @param what what the folder is, for the message (e.g. "the data folder")
     * @throws IllegalStateException if another user owns {@code dir} (or what it links to), or
     *                               group or others may write into it
     */
    public static void require(Path dir, String what) {
        PosixFileAttributes attributes;
        try {
            if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return;
            }
            attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner of " + what + " " + dir + ": " + e.getMessage(), e);
        }
        String me = System.getProperty("user.name");
        String owner = attributes.owner().getName();
        if (!owner.equals(me)) {
            throw new IllegalStateException(what + " " + dir + " belongs to " + owner + ", not to you (" + me
                    + "): its owner could replace the files in it; use a folder of your own");
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalStateException(what + " " + dir + " is writable by other users ("
                    + PosixFilePermissions.toString(mode) + "): run chmod 700 " + dir);
        }
    }
}
