package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both forms of a root folder keep the same contract: through handles (Linux, macOS) and through paths (Windows). */
class RootFolderTest {
    @TempDir
    Path temp;
    Path root;

    @BeforeEach
    void root() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createDirectories(root.resolve("staged"));
    }

    private RootFolder open(boolean handles, String... segments) throws Exception {
        return handles ? RootFolder.open(root, segments) : RootFolder.byPath(root, segments);
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void stat_presentAndAbsentEntries_neverFollowingALink(boolean handles) throws Exception {
        Files.writeString(root.resolve("a/b/f.txt"), "f");
        Files.createSymbolicLink(root.resolve("a/b/link"), root.resolve("a/b/f.txt"));

        try (RootFolder folder = open(handles, "a", "b")) {
            assertThat(folder.stat("f.txt").size()).isEqualTo(1);
            assertThat(folder.stat("link").isSymbolicLink()).isTrue();
            assertThat(folder.stat("none")).isNull();
        }
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void moveFrom_replacesTheTargetAtomically(boolean handles) throws Exception {
        Files.writeString(root.resolve("staged/t"), "new");
        Files.writeString(root.resolve("a/b/f.txt"), "old");

        try (RootFolder from = open(handles, "staged"); RootFolder to = open(handles, "a", "b")) {
            to.moveFrom(from, "t", "f.txt");
        }

        assertThat(root.resolve("a/b/f.txt")).hasContent("new");
        assertThat(root.resolve("staged/t")).doesNotExist();
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void delete_removesTheEntryItself_aLinkNotItsTarget(boolean handles) throws Exception {
        Path target = Files.writeString(temp.resolve("outside.txt"), "keep");
        Files.createSymbolicLink(root.resolve("a/link"), target);

        try (RootFolder folder = open(handles, "a")) {
            folder.delete("link");
        }

        assertThat(root.resolve("a/link")).doesNotExist();
        assertThat(target).hasContent("keep");
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void copyIn_makesANewFile_neverOverAnExistingOne(boolean handles) throws Exception {
        Path source = Files.writeString(temp.resolve("src"), "copied");
        Files.writeString(root.resolve("a/taken"), "mine");

        try (RootFolder folder = open(handles, "a")) {
            folder.copyIn(source, "fresh");
            assertThatThrownBy(() -> folder.copyIn(source, "taken")).isInstanceOf(IOException.class);
        }

        assertThat(root.resolve("a/fresh")).hasContent("copied");
        assertThat(root.resolve("a/taken")).hasContent("mine");
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void open_throughALinkOrAFile_isRefused(boolean handles) throws Exception {
        Files.createSymbolicLink(root.resolve("link"), Files.createDirectories(temp.resolve("elsewhere")));
        Files.writeString(root.resolve("file"), "x");

        assertThatThrownBy(() -> open(handles, "link")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> open(handles, "file")).isInstanceOf(UnsafePathException.class);
    }

    @ParameterizedTest(name = "handles={0}")
    @ValueSource(booleans = {true, false})
    void changes_afterTheFolderWasSwappedForALink_neverLandOutsideTheRoot(boolean handles) throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(root.resolve("staged/t"), "vault content");

        try (RootFolder from = open(handles, "staged"); RootFolder to = open(handles, "a", "b")) {
            Files.move(root.resolve("a/b"), root.resolve("a/b-moved"));
            Files.createSymbolicLink(root.resolve("a/b"), outside);
            try {
                to.moveFrom(from, "t", "f.txt");
            } catch (IOException refused) {
                assertThat(handles).as("only the path form refuses; the handle form renames into the folder it opened").isFalse();
            }
        }

        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }
}
