package io.skysync.client.index;

import io.skysync.spi.PrivateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library from a copy in the user's cache: sqlite-jdbc otherwise extracts it from
 * its jar into the temp folder, checks the copy and deletes it again, on every run (about 0.1 s of
 * a command's start here). The copy is made once per sqlite-jdbc version and platform, in a folder
 * of the user's own that nobody else may write into (whoever could would choose the code this
 * process loads), and written under a temporary name first, so no half-written library is ever
 * loaded. Anything amiss and sqlite-jdbc does what it always did.
 */
public final class SqliteNativeCache {
    private SqliteNativeCache() {
    }

    /** Points sqlite-jdbc at the cached copy under {@code cacheDir}, making it if missing; answers its folder. */
    public static Optional<Path> use(Path cacheDir) {
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return Optional.empty();
        }
        try {
            String resource = LibraryLoaderUtil.getNativeLibResourcePath();
            String name = LibraryLoaderUtil.getNativeLibName();
            Path dir = cacheDir.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()
                    + resource.replace("/org/sqlite/native", "").replace('/', '-'));
            Path library = dir.resolve(name);
            if (!Files.isRegularFile(library)) {
                extract(resource + "/" + name, dir, library);
            }
            PrivateFolder.require(dir, "the cache of SQLite's native library");
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
