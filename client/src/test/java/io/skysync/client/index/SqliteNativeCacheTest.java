package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeCacheTest {
    @TempDir
    Path cache;
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void forget() {
        System.clearProperty("org.sqlite.lib.path");
        System.clearProperty("org.sqlite.lib.name");
    }

    @Test
    void use_emptyCache_copiesTheJarsLibraryIntoAPrivateFolderOnceAndPointsSqliteAtIt() throws Exception {
        Path dir = SqliteNativeCache.use(cache, warnings::add).orElseThrow();

        Path library = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(dir.toString());
        assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(LibraryLoaderUtil.getNativeLibName());
        assertThat(Files.readAllBytes(library)).isEqualTo(resource());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(library);
        }

        FileTime written = Files.getLastModifiedTime(library);
        Files.setLastModifiedTime(library, FileTime.fromMillis(written.toMillis() - 60_000));
        forget();
        assertThat(SqliteNativeCache.use(cache, warnings::add)).contains(dir);
        assertThat(Files.getLastModifiedTime(library).toMillis()).as("not copied again").isEqualTo(written.toMillis() - 60_000);
    }

    @Test
    void use_folderOthersMayWriteInto_isNotUsed() throws Exception {
        Path dir = SqliteNativeCache.use(cache, warnings::add).orElseThrow();
        forget();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(SqliteNativeCache.use(cache, warnings::add)).isEqualTo(Optional.empty());
        assertThat(System.getProperty("org.sqlite.lib.path")).as("sqlite-jdbc extracts its own copy, as always").isNull();
        assertThat(warnings).singleElement().asString().contains("chmod 700");
    }

    @Test
    void use_parentOthersMayWriteInto_isNotUsed_andSaysSoInOneLine() throws Exception {
        Path parent = Files.createDirectories(cache.resolve("shared"));
        Path inside = parent.resolve("skysync");
        assertThat(SqliteNativeCache.use(inside, warnings::add)).isPresent();
        forget();
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertThat(SqliteNativeCache.use(inside, warnings::add)).isEqualTo(Optional.empty());
        assertThat(System.getProperty("org.sqlite.lib.path")).as("sqlite-jdbc extracts its own copy, as always").isNull();
        assertThat(warnings).singleElement().asString().contains(parent.toString()).contains("chmod go-w").doesNotContain("\n");
    }

    @Test
    void use_aLibraryOthersMayWriteOrALink_isNotLoaded_andSaysSoInOneLine() throws Exception {
        Path dir = SqliteNativeCache.use(cache, warnings::add).orElseThrow();
        Path library = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        forget();
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThat(SqliteNativeCache.use(cache, warnings::add)).isEqualTo(Optional.empty());
        assertThat(System.getProperty("org.sqlite.lib.path")).as("sqlite-jdbc extracts its own copy, as always").isNull();
        assertThat(warnings).singleElement().asString().contains(library.toString()).contains("delete it").doesNotContain("\n");

        // A copy left in place by whoever could write into the folder before it was private: a link to their file.
        Path elsewhere = Files.copy(library, cache.resolve("theirs.so"));
        Files.delete(library);
        Files.createSymbolicLink(library, elsewhere);
        assertThat(SqliteNativeCache.use(cache, warnings::add)).isEqualTo(Optional.empty());
        assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
        assertThat(warnings).hasSize(2);
    }

    private static byte[] resource() throws Exception {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath()
                + "/" + LibraryLoaderUtil.getNativeLibName())) {
            return in.readAllBytes();
        }
    }
}
