package io.skysync.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check, as ssh makes it, that a folder holding secrets (or code this process loads) is the
 * user's own: whoever owns a folder or may write into it can swap the files in it (an endpoint, a
 * secret, a lock, a token, a native library) for their own, whatever the files' own modes say. The
 * same goes for every folder above it: whoever may write into a parent can rename the checked folder
 * away after the check and put their own in its place. So every folder up to the user's home (or up
 * to {@code /} for one outside it) must be the user's or root's and writable by nobody else; a parent
 * that others may write into is safe only when it is sticky (as {@code /tmp}), where only an entry's
 * owner, the folder's owner (the user or root, checked) and root may rename an entry. A link on the
 * way counts as its owner's (whoever owns it can point it elsewhere), and the folders above where it
 * leads are checked too. Skipped where the file system has no POSIX permissions.
 */
public final class PrivateFolder {
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int TYPE = 0170000;
    private static final int LINK = 0120000;

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
     * @throws IllegalStateException if the owner or mode of one of those folders cannot be read
     */
    public static void require(Path dir, String what) {
        require(dir, what, Path.of(System.getProperty("user.home")));
    }

    static void require(Path dir, String what, Path home) {
        require(dir, what, home, System.getProperty("user.name"));
    }

    /** @param me the user's name as the JVM has it ({@code user.name}) */
    static void require(Path dir, String what, Path home, String me) {
        // Not normalized: the system takes a ".." after a link from where the link leads, so the path as
        // given is the one the caller's opens reach; dropping "x/.." by name would check another folder.
        Path folder = dir.toAbsolutePath();
        String described = what + " " + dir;
        Map<String, Object> own = attributes(folder, "unix:owner,uid,mode", described, new LinkOption[0]);
        if (own == null || !posix(folder, described)) {
            return;
        }
        String owner = ((UserPrincipal) own.get("owner")).getName();
        if (!owner.equals(me) && !unnamedMe((Integer) own.get("uid"), me)) {
            throw new NotPrivateException(described + " belongs to " + owner + ", not to you (" + me
                    + "): its owner could replace the files in it; use a folder of your own");
        }
        if ((mode(own) & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new NotPrivateException(described + " is writable by other users (" + permissions(mode(own))
                    + "): run chmod 700 " + dir);
        }
        // Owner names are looked up only for a message: the folder's uid is the user's.
        Check check = new Check((Integer) own.get("uid"), me, described);
        Path lexicalHome = home.toAbsolutePath().normalize();
        boolean linked = !folder.equals(folder.normalize()) || check.isLink(folder);
        for (Path parent : up(folder, lexicalHome)) {
            // What "x/.." reaches is on the real path, looked at below under its own name.
            if (!isDots(parent.getFileName())) {
                linked |= check.parent(parent);
            }
        }
        if (linked) {
            for (Path parent : up(check.real(folder), Files.exists(lexicalHome) ? check.real(lexicalHome) : lexicalHome)) {
                check.parent(parent);
            }
        }
    }

    /** The folders above {@code folder}: up to {@code home} if it is inside it, else up to the root. */
    private static List<Path> up(Path folder, Path home) {
        List<Path> parents = new ArrayList<>();
        boolean inHome = folder.startsWith(home) && !folder.equals(home);
        for (Path parent = folder.getParent(); parent != null; parent = parent.getParent()) {
            parents.add(parent);
            if (inHome && parent.equals(home)) {
                break;
            }
        }
        return parents;
    }

    private static boolean isDots(Path name) {
        return name != null && (name.toString().equals(".") || name.toString().equals(".."));
    }

    private record Check(int uid, String me, String described) {
        boolean isLink(Path path) {
            Map<String, Object> attributes = attributes(path, "unix:uid,mode", path + ", the way to " + described, LinkOption.NOFOLLOW_LINKS);
            return attributes != null && (mode(attributes) & TYPE) == LINK && ownedByMeOrRoot(path, attributes);
        }

        /** Checks one folder above; answers whether it is a link (whose target's parents need a look too). */
        boolean parent(Path parent) {
            Map<String, Object> attributes = attributes(parent, "unix:uid,mode", parent + ", a folder above " + described,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes == null) {
                return false;
            }
            ownedByMeOrRoot(parent, attributes);
            int mode = mode(attributes);
            if ((mode & TYPE) == LINK) {
                return true;
            }
            if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
                throw new NotPrivateException(described + " is inside " + parent + ", which other users may write into ("
                        + permissions(mode) + "): they could put a folder of their own in its place; run chmod go-w " + parent);
            }
            return false;
        }

        private boolean ownedByMeOrRoot(Path path, Map<String, Object> attributes) {
            int owner = (Integer) attributes.get("uid");
            if (owner != uid && owner != 0) {
                throw new NotPrivateException(described + " is inside " + path + ", which belongs to " + ownerName(path)
                        + ", not to you (" + me + ") or root: they could put a folder of their own in its place;"
                        + " use a folder of your own");
            }
            return true;
        }

        Path real(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                throw new IllegalStateException("cannot resolve " + path + ", the way to " + described + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether {@code uid} is this process's where the JVM could not name the user: a uid with no entry in
     * the user database (a container's arbitrary uid) is "?" to the JVM but a number as a file's owner.
     * {@code /proc/self} belongs to the process's user; without it such a user's folders stay refused.
     */
    private static boolean unnamedMe(int uid, String me) {
        if (!"?".equals(me)) {
            return false;
        }
        try {
            return Integer.valueOf(uid).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String ownerName(Path path) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "another user";
        }
    }

    /** The attributes asked for, or null where the file system has none such. */
    private static Map<String, Object> attributes(Path path, String names, String description, LinkOption... options) {
        try {
            return Files.readAttributes(path, names, options);
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the owner of " + description + ": " + e.getMessage(), e);
        }
    }

    /** Whether the folder's file system keeps POSIX owners and modes (FAT, some network shares do not). */
    private static boolean posix(Path folder, String description) {
        try {
            return Files.getFileStore(folder).supportsFileAttributeView("posix");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the file system of " + description + ": " + e.getMessage(), e);
        }
    }

    private static int mode(Map<String, Object> attributes) {
        return (Integer) attributes.get("mode");
    }

    private static String permissions(int mode) {
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
