package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synced folder never lies inside another one, nor contains one, links and folders not made yet included. */
class NestedRootsTest {
    @TempDir
    Path temp;

    private Path root(String relative) throws IOException {
        Path root = temp.resolve(relative);
        Files.createDirectories(ConfigFile.stateDir(root));
        Files.writeString(ConfigFile.stateDir(root).resolve("config.toml"), "vault = \"v\"\n");
        return root;
    }

    @Test
    void refuse_folderNotMadeYet_deepInsideARoot_namesTheRoot() throws IOException {
        Path outer = root("notes");

        assertThatThrownBy(() -> NestedRoots.refuse(outer.resolve("a/b/c"))).isInstanceOf(UserError.class)
                .hasMessageContaining("is inside the skysync folder " + outer);
    }

    @Test
    void refuse_insideARootThroughALink_isSeenThroughTheLink() throws IOException {
        Path outer = root("notes");
        Files.createDirectories(outer.resolve("sub"));
        Path link = Files.createSymbolicLink(temp.resolve("shortcut"), outer.resolve("sub"));

        assertThatThrownBy(() -> NestedRoots.refuse(link.resolve("new"))).isInstanceOf(UserError.class)
                .hasMessageContaining("is inside the skysync folder");
    }

    @Test
    void refuse_folderHoldingARootDeepDown_namesIt() throws IOException {
        Path inner = root("all/projects/site");

        assertThatThrownBy(() -> NestedRoots.refuse(temp.resolve("all"))).isInstanceOf(UserError.class)
                .hasMessageContaining("contains the skysync folder " + inner);
    }

    @Test
    void refuse_linkToARootBelow_isNotFollowed() throws IOException {
        Path elsewhere = root("elsewhere");
        Path folder = Files.createDirectories(temp.resolve("folder"));
        Files.createSymbolicLink(folder.resolve("link"), elsewhere);

        assertThatCode(() -> NestedRoots.refuse(folder)).doesNotThrowAnyException();
    }

    @Test
    void refuse_theRootItself_orASiblingOfOne_isFine() throws IOException {
        Path notes = root("notes");

        assertThatCode(() -> NestedRoots.refuse(notes)).doesNotThrowAnyException();
        assertThatCode(() -> NestedRoots.refuse(temp.resolve("photos"))).doesNotThrowAnyException();
    }

    @Test
    void refuse_stateFolderWithoutAConfig_isNotARoot() throws IOException {
        Files.createDirectories(temp.resolve("all/left-over/.skysync"));

        assertThatCode(() -> NestedRoots.refuse(temp.resolve("all"))).doesNotThrowAnyException();
    }
}
