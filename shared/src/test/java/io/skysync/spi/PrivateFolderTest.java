package io.skysync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real folders with real modes: every folder from the private one up to the home (or up to
 * {@code /}) is one another user could rename away and replace, unless it is the user's or root's
 * and nobody else may write into it (or it is sticky, as {@code /tmp}).
 */
class PrivateFolderTest {
    @TempDir
    Path temp;
    Path home;

    @BeforeEach
    void home() throws Exception {
        assumeThat(Files.getFileStore(temp).supportsFileAttributeView("posix")).isTrue();
        home = Files.createDirectories(temp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    private static Path privateFolder(Path path) throws Exception {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    @Test
    void require_chainOfTheUsersOwnFolders_isAccepted() throws Exception {
        Path cache = Files.createDirectories(home.resolve(".cache/skysync"));
        Path dir = privateFolder(cache.resolve("native"));

        assertThatCode(() -> PrivateFolder.require(dir, "the cache", home)).doesNotThrowAnyException();
    }

    @Test
    void require_groupWritableParent_isRefusedNamingIt() throws Exception {
        Path cache = Files.createDirectories(home.resolve(".cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path dir = privateFolder(cache.resolve("skysync/native"));

        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(cache.toString()).hasMessageContaining("chmod go-w " + cache).hasMessageNotContaining("\n");
    }

    @Test
    void require_groupWritableHome_isRefused_butNotWhatIsAboveIt() throws Exception {
        Path dir = privateFolder(home.resolve(".cache"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatCode(() -> PrivateFolder.require(dir, "the cache", home)).as("above the home is not looked at")
                .doesNotThrowAnyException();

        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).hasMessageContaining(home.toString());
    }

    @Test
    void require_outsideTheHome_looksUpToTheRoot() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("elsewhere/shared"));
        Path dir = privateFolder(shared.resolve("cache"));
        Files.setPosixFilePermissions(temp.resolve("elsewhere"), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).hasMessageContaining(temp.resolve("elsewhere").toString());
    }

    @Test
    void require_stickyParentOfTheUserOrRoot_likeTmp_isAccepted_butTheFolderItselfMayNotBeSticky() throws Exception {
        Path tmpLike = Files.createDirectories(temp.resolve("tmp"));
        Files.setAttribute(tmpLike, "unix:mode", 01777);
        Path dir = privateFolder(tmpLike.resolve("mine"));

        assertThatCode(() -> PrivateFolder.require(dir, "the cache", home))
                .as("in a sticky folder only an entry's owner (or the folder's, here the user or root) may rename it")
                .doesNotThrowAnyException();

        Files.setAttribute(dir, "unix:mode", 01777);
        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).as("others could add files to it")
                .hasMessageContaining("writable by other users");
    }

    @Test
    void require_parentOwnedByAnotherUser_isRefused() throws Exception {
        UserPrincipal nobody = nobody();
        Path theirs = Files.createDirectories(home.resolve("theirs"));
        Path dir = privateFolder(theirs.resolve("cache"));
        Files.setOwner(theirs, nobody);

        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).hasMessageContaining(theirs.toString())
                .hasMessageContaining(nobody.getName());
    }

    @Test
    void require_throughALink_looksAtTheFoldersAroundItsTarget() throws Exception {
        Path open = Files.createDirectories(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path target = privateFolder(open.resolve("cache"));
        Path link = Files.createSymbolicLink(home.resolve(".cache"), target);

        assertThatThrownBy(() -> PrivateFolder.require(link, "the cache", home)).hasMessageContaining(open.toString());
    }

    @Test
    void require_throughALinkToASafeFolder_isAccepted_butNotALinkOfAnotherUsers() throws Exception {
        Path target = privateFolder(home.resolve("real/cache"));
        Path link = Files.createSymbolicLink(home.resolve(".cache"), target);
        assertThatCode(() -> PrivateFolder.require(link.resolve("../cache"), "the cache", home)).doesNotThrowAnyException();

        UserPrincipal nobody = nobody();
        Path tmpLike = Files.createDirectories(temp.resolve("tmp"));
        Files.setAttribute(tmpLike, "unix:mode", 01777);
        Path planted = Files.createSymbolicLink(tmpLike.resolve("cache"), target);
        Files.getFileAttributeView(planted, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
        assertThat(Files.getOwner(target).getName()).isEqualTo(System.getProperty("user.name"));
        assertThatThrownBy(() -> PrivateFolder.require(planted, "the cache", home)).as("its owner may point it elsewhere")
                .hasMessageContaining(planted.toString()).hasMessageContaining(nobody.getName());
    }

    @Test
    void require_dotDotAfterALink_checksTheFolderTheSystemReaches_notTheOneTheNameSpells() throws Exception {
        Path open = Files.createDirectories(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        privateFolder(open.resolve("sub"));
        privateFolder(open.resolve("cache"));
        privateFolder(home.resolve("cache"));
        Files.createSymbolicLink(home.resolve("link"), open.resolve("sub"));
        Path dir = home.resolve("link/../cache");
        assertThat(dir.toRealPath()).as("the system goes up from where the link leads").isEqualTo(open.resolve("cache").toRealPath());

        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home)).hasMessageContaining(open.toString());
    }

    @Test
    void require_aUserTheJvmCannotName_likeAContainersUidWithoutAPasswdEntry_isKnownByUid() throws Exception {
        assumeThat(Path.of("/proc/self")).exists();
        Path dir = privateFolder(home.resolve(".cache"));

        assertThatCode(() -> PrivateFolder.require(dir, "the cache", home, "?"))
                .as("the JVM names such a user '?', the folder's owner is named by number").doesNotThrowAnyException();
        assertThatThrownBy(() -> PrivateFolder.require(dir, "the cache", home, "someone-else"))
                .hasMessageContaining("not to you (someone-else)");
    }

    /** Another user's folder: only root can give one away, so the test needs root. */
    private UserPrincipal nobody() throws Exception {
        assumeThat(System.getProperty("user.name")).as("only root can give a folder to another user").isEqualTo("root");
        return temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }
}
