package io.skysync.client.index;

import io.skysync.spi.PrivateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library from a copy in the user's cache: sqlite-jdbc otherwise extracts it from
 * its jar into the temp folder, checks the copy and deletes it again, on every run (about 0.1 s of
 * a command's start here). The copy is made once per sqlite-jdbc version and platform, in a folder
 * of the user's own that nobody else may write into (whoever could would choose the code this
 * process loads), and written under a temporary name first, so no half-written library is ever
 * loaded. Anything amiss and sqlite-jdbc does what it always did.
 *
 * <p>The copy's folder is named after what picks the library: the sqlite-jdbc jar (its place, size
 * and time), the platform and the Java runtime. Asking sqlite-jdbc which library fits (it runs a
 * process to tell Android from Linux, and reads its version from a resource) took a tenth of a
 * second of every command's start; it is asked only when the folder holds no library yet.
 */
public final class SqliteNativeCache {
    private SqliteNativeCache() {
    }

    /**
     * Points sqlite-jdbc at the cached copy under {@code cacheDir}, making it if missing; answers its folder.
     *
     * @param warn told, in one line, why a cache that is not safe to load code from is not used
     */
    public static Optional<Path> use(Path cacheDir, Consumer<String> warn) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return Optional.empty();
        }
        try {
            Path dir = cacheDir.resolve("native").resolve("sqlite-jdbc-" + fingerprint());
            Path library = libraryIn(dir);
            if (library == null) {
                String name = LibraryLoaderUtil.getNativeLibName();
                library = dir.resolve(name);
                extract(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, dir, library);
            }
            PrivateFolder.require(dir, "the cache of SQLite's native library");
            String unsafe = unsafe(library, dir);
            if (unsafe != null) {
                warn.accept(unsafe + ": delete it and the next run copies it again (SQLite's library is unpacked into"
                        + " the temp folder instead)");
                return Optional.empty();
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", library.getFileName().toString());
            return Optional.of(dir);
        } catch (PrivateFolder.NotPrivateException e) {
            warn.accept(e.getMessage() + " (SQLite's library is unpacked into the temp folder instead)");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@code library} is not safe to load, or null: a private folder may still hold a file left
     * by whoever could write into it before it was private (a link to their file, or one they may
     * rewrite).
     */
    private static String unsafe(Path library, Path dir) throws IOException {
        if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            // As PrivateFolder: no owners or modes to weigh (Windows), and the cache is used as before.
            return null;
        }
        PosixFileAttributes file = Files.readAttributes(library, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!file.isRegularFile()) {
            return library + " is not a regular file";
        }
        if (!file.owner().equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS))) {
            return library + " belongs to " + file.owner().getName() + ", not to the owner of its folder";
        }
        Set<PosixFilePermission> modes = file.permissions();
        if (modes.contains(PosixFilePermission.GROUP_WRITE) || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
            return library + " may be written by other users";
        }
        return null;
    }

    /** What decides which library sqlite-jdbc would load, as a folder name. */
    private static String fingerprint() throws IOException {
        URL jar = SQLiteJDBCLoader.class.getProtectionDomain().getCodeSource().getLocation();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(Path.of(jar.toURI()), BasicFileAttributes.class);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("sqlite-jdbc is not in a file: " + jar, e);
        }
        String key = String.join("|", jar.toString(), Long.toString(attrs.size()),
                Long.toString(attrs.lastModifiedTime().toMillis()), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.home"), System.getProperty("java.vm.version"));
        // FNV-1a: a digest here would load the security providers at every start.
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return Long.toHexString(hash);
    }

    /** The one library a complete copy left in {@code dir} (temporary files are not one), or null. */
    private static Path libraryIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> libraries = files.filter(f -> !f.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(f))
                    .toList();
            return libraries.size() == 1 ? libraries.get(0) : null;
        }
    }

    private static void extract(String resource, Path dir, Path library) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PrivateFolder.require(dir, "the cache of SQLite's native library");
        Path temp = Files.createTempFile(dir, library.getFileName().toString(), ".tmp");
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("sqlite-jdbc has no " + resource);
            }
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(temp, library, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, library, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
