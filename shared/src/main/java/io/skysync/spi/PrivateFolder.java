package io.skysync.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The check, as ssh makes it, that a folder holding secrets (or code this process loads) is the
 * user's own: whoever owns a folder or may write into it can swap the files in it (an endpoint, a
 * secret, a lock, a token, a native library) for their own, whatever the files' own modes say. The
 * same goes for every folder above it: whoever may write into a parent can rename the checked folder
 * away after the check and put their own in its place. So every folder up to the user's home (or up
 * to {@code /} for one outside it), on the path as given and on the path its links lead to, must be
 * the user's or root's and writable by nobody else; a parent that others may write into is safe only
 * when it is sticky (as {@code /tmp}), where only an entry's owner, the folder's owner (the user or
 * root, checked) and root may rename an entry. Skipped where the file system has no POSIX permissions.
 */
public final class PrivateFolder {
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private PrivateFolder() {
    }

    /** The folder, or one above it, is one another user could swap: the message says which, and the fix. */
    public static final class NotPrivateException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotPrivateException(String message) {
            super(message);
        }
    }

    /**
     * @param what what the folder is, for the message (e.g. "the data folder")
     * @throws NotPrivateException   if another user owns {@code dir} (or what it links to), or group
     *                               or others may write into it, or a folder above it up to the home
     *                               is another user's or one they may write into (and not sticky)
     * @throws IllegalStateException if the folder's owner or mode cannot be read
     */
    public static void require(Path dir, String what) {
        require(dir, what, Path.of(System.getProperty("user.home")));
    }

    static void require(Path dir, String what, Path home) {
        Path folder = dir.toAbsolutePath().normalize();
        Map<String, Object> own = attributes(folder, what + " " + dir);
        if (own == null) {
            return;
        }
        String me = System.getProperty("user.name");
        String owner = ((UserPrincipal) own.get("owner")).getName();
        if (!owner.equals(me)) {
            throw new NotPrivateException(what + " " + dir + " belongs to " + owner + ", not to you (" + me
                    + "): its owner could replace the files in it; use a folder of your own");
        }
        if ((mode(own) & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new NotPrivateException(what + " " + dir + " is writable by other users (" + permissions(own)
                    + "): run chmod 700 " + dir);
        }
        for (Path parent : parents(folder, home, what, dir)) {
            requireSafeParent(parent, me, what, dir);
        }
    }

    /** The folders above {@code folder} on its path as given and on its real path, each up to the home or the root. */
    private static Set<Path> parents(Path folder, Path home, String what, Path dir) {
        Path lexicalHome = home.toAbsolutePath().normalize();
        Set<Path> parents = new LinkedHashSet<>(up(folder, lexicalHome));
        try {
            Path realHome = Files.exists(lexicalHome) ? lexicalHome.toRealPath() : lexicalHome;
            parents.addAll(up(folder.toRealPath(), realHome));
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve " + what + " " + dir + ": " + e.getMessage(), e);
        }
        return parents;
    }

    private static Set<Path> up(Path folder, Path home) {
        Set<Path> parents = new LinkedHashSet<>();
        boolean inHome = folder.startsWith(home) && !folder.equals(home);
        for (Path parent = folder.getParent(); parent != null; parent = parent.getParent()) {
            parents.add(parent);
            if (inHome && parent.equals(home)) {
                break;
            }
        }
        return parents;
    }

    private static void requireSafeParent(Path parent, String me, String what, Path dir) {
        String description = parent + ", a folder above " + what + " " + dir;
        Map<String, Object> link = attributes(parent, description, LinkOption.NOFOLLOW_LINKS);
        if (link == null) {
            return;
        }
        // A link is replaced by whoever owns it (in a sticky folder too): it must be the user's or root's, as what it leads to.
        requireOwnedByMeOrRoot(parent, link, me, what, dir);
        Map<String, Object> target = attributes(parent, description);
        if (target == null) {
            return;
        }
        requireOwnedByMeOrRoot(parent, target, me, what, dir);
        int mode = mode(target);
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
            throw new NotPrivateException(what + " " + dir + " is inside " + parent + ", which other users may write into ("
                    + permissions(target) + "): they could put a folder of their own in its place; run chmod go-w " + parent);
        }
    }

    private static void requireOwnedByMeOrRoot(Path parent, Map<String, Object> attributes, String me, String what, Path dir) {
        String owner = ((UserPrincipal) attributes.get("owner")).getName();
        if (!owner.equals(me) && ((Integer) attributes.get("uid")) != 0) {
            throw new NotPrivateException(what + " " + dir + " is inside " + parent + ", which belongs to " + owner
                    + ", not to you (" + me + ") or root: they could put a folder of their own in its place; use a folder of your own");
        }
    }

    /** The owner, uid and mode of {@code path}, or null where its file system has no such thing. */
    private static Map<String, Object> attributes(Path path, String description, LinkOption... options) {
        try {
            if (!Files.getFileStore(path).supportsFileAttributeView("unix")) {
                return null;
            }
            return Files.readAttributes(path, "unix:owner,uid,mode", options);
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner of " + description + ": " + e.getMessage(), e);
        }
    }

    private static int mode(Map<String, Object> attributes) {
        return (Integer) attributes.get("mode");
    }

    private static String permissions(Map<String, Object> attributes) {
        int mode = mode(attributes);
        Set<PosixFilePermission> permissions = new LinkedHashSet<>();
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(all[i]);
            }
        }
        return PosixFilePermissions.toString(permissions) + ((mode & STICKY) != 0 ? " sticky" : "");
    }
}
