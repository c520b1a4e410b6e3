package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names to places: only inside the root, never through a link. */
class SafeRootTest {
    @TempDir
    Path temp;

    private SafeRoot root() throws IOException {
        return new SafeRoot(Files.createDirectories(temp.resolve("root")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a\\b", "", "a//b", "./a", "a/.", "a/..", "a/\u0000b"})
    void resolve_nameThatIsNotAPlainRelativePath_isRefused(String name) throws IOException {
        SafeRoot root = root();

        assertThatThrownBy(() -> root.resolve(name)).isInstanceOf(UnsafePathException.class).hasMessageContaining("refused path");
    }

    @Test
    void resolve_plainName_isUnderTheRoot() throws Exception {
        SafeRoot root = root();

        assertThat(root.resolve("a/b c/d.txt")).isEqualTo(root.root().resolve("a/b c/d.txt")).startsWithRaw(root.root());
    }

    @Test
    void resolve_nullName_isRefused() throws IOException {
        SafeRoot root = root();

        assertThatThrownBy(() -> root.resolve(null)).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void checkParents_symlinkedFolder_isRefused_aFileAsAFolderToo() throws Exception {
        SafeRoot root = root();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(root.root().resolve("link"), outside);
        Files.writeString(root.root().resolve("file"), "x");

        assertThatThrownBy(() -> root.checkParents(root.resolve("link/x"))).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("is a symlink");
        assertThatThrownBy(() -> root.checkParents(root.resolve("file/x"))).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void createParents_makesTheFolders_butNeverThroughALink() throws Exception {
        SafeRoot root = root();
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(root.root().resolve("link"), outside);

        root.createParents(root.resolve("a/b/c.txt"));

        assertThat(root.root().resolve("a/b")).isDirectory();
        assertThatThrownBy(() -> root.createParents(root.resolve("link/new/c.txt"))).isInstanceOf(UnsafePathException.class);
        assertThat(outside.resolve("new")).doesNotExist();
    }

    @Test
    void createFolder_makesTheFolderAndItsParents_refusesALinkOnTheWay() throws Exception {
        SafeRoot root = root();
        Path outside = Files.createDirectories(root.root().resolveSibling("outside-" + root.root().getFileName()));
        Files.createSymbolicLink(root.root().resolve("link"), outside);

        root.createFolder("a/b/empty");

        assertThat(root.root().resolve("a/b/empty")).isEmptyDirectory();
        assertThatThrownBy(() -> root.createFolder("link/new")).isInstanceOf(UnsafePathException.class);
        assertThat(outside.resolve("new")).doesNotExist();
    }

    @Test
    @SuppressWarnings("try") // the resource is held, not used
    void folderOf_existingFolder_opensIt_missingOneWithoutCreate_isNoSuchFile() throws Exception {
        SafeRoot root = root();
        Files.createDirectories(root.root().resolve("a"));

        try (RootFolder folder = root.folderOf("a/x.txt", false)) {
            assertThat(folder.stat("x.txt")).isNull();
        }
        assertThatThrownBy(() -> root.folderOf("missing/x.txt", false)).isInstanceOf(IOException.class);
        try (RootFolder created = root.folderOf("made/x.txt", true)) {
            assertThat(root.root().resolve("made")).isDirectory();
        }
    }
}
