package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutagen's rule on a real folder: never overwrite or delete what changed since the scan. */
class LocalPlacerTest {
    @TempDir
    Path root;
    StagingArea staging;
    LocalPlacer placer;

    @BeforeEach
    void placer() throws IOException {
        SafeRoot safe = new SafeRoot(root);
        staging = new StagingArea(safe);
        staging.prepare();
        placer = new LocalPlacer(safe, staging);
    }

    private Path staged(String content) throws IOException {
        Path temp = staging.newTemp(ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(temp, content);
        return temp;
    }

    private static RemoteFile remote(String content, long mtimeMillis) {
        return RemoteFile.live(FileVersion.of(2), ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8)),
                content.length(), mtimeMillis);
    }

    private LocalFile scanned(String rel) throws IOException {
        Path file = root.resolve(rel);
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LocalFile(VaultPath.of(rel), rel, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                String.valueOf(attrs.fileKey()), ContentHash.ofBytes(Files.readAllBytes(file)));
    }

    @Test
    void place_newFile_createsItsFoldersAndCarriesTheRemoteTime() throws Exception {
        LocalFile placed = placer.place(staged("hello"), VaultPath.of("a/b/c.txt"), "a/b/c.txt", null, remote("hello", 1_700_000_000_000L));

        assertThat(root.resolve("a/b/c.txt")).hasContent("hello");
        assertThat(Files.getLastModifiedTime(root.resolve("a/b/c.txt"))).isEqualTo(FileTime.fromMillis(1_700_000_000_000L));
        assertThat(placed.hash()).isEqualTo(ContentHash.ofBytes("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(placed.size()).isEqualTo(5);
        assertThat(root.resolve(".skysync/tmp")).isEmptyDirectory();
    }

    @Test
    void place_overTheFileTheScanSaw_replacesIt() throws Exception {
        Files.writeString(root.resolve("a.txt"), "old");
        LocalFile seen = scanned("a.txt");

        placer.place(staged("new"), VaultPath.of("a.txt"), "a.txt", seen, remote("new", 0));

        assertThat(root.resolve("a.txt")).hasContent("new");
    }

    @Test
    void place_overAFileThatChangedSinceTheScan_refusesAndKeepsTheEdit() throws Exception {
        Files.writeString(root.resolve("a.txt"), "old");
        LocalFile seen = scanned("a.txt");
        Files.writeString(root.resolve("a.txt"), "edited meanwhile");
        Path temp = staged("new");

        assertThatThrownBy(() -> placer.place(temp, VaultPath.of("a.txt"), "a.txt", seen, remote("new", 0)))
                .isInstanceOf(LocalPlacer.ChangedMeanwhileException.class).hasMessageContaining("changed during the sync");
        assertThat(root.resolve("a.txt")).hasContent("edited meanwhile");
        assertThat(temp).doesNotExist();
    }

    @Test
    void place_whereAFileAppearedMeanwhile_refusesAndKeepsIt() throws Exception {
        Files.writeString(root.resolve("a.txt"), "appeared");

        assertThatThrownBy(() -> placer.place(staged("new"), VaultPath.of("a.txt"), "a.txt", null, remote("new", 0)))
                .isInstanceOf(LocalPlacer.ChangedMeanwhileException.class).hasMessageContaining("appeared meanwhile");
        assertThat(root.resolve("a.txt")).hasContent("appeared");
    }

    @Test
    void place_throughAParentThatIsAFile_isRefused() throws Exception {
        Files.writeString(root.resolve("a"), "a file");

        assertThatThrownBy(() -> placer.place(staged("x"), VaultPath.of("a/b.txt"), "a/b.txt", null, remote("x", 0)))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("is a file, not a folder");
    }

    @Test
    void delete_fileTheScanSaw_removesIt_andLeavesItsFolders_whichAreEntriesOfTheirOwn() throws Exception {
        Files.createDirectories(root.resolve("d/e"));
        Files.writeString(root.resolve("d/e/f.txt"), "x");
        Files.writeString(root.resolve("keep.txt"), "k");

        placer.delete("d/e/f.txt", scanned("d/e/f.txt"));

        assertThat(root.resolve("d/e/f.txt")).doesNotExist();
        assertThat(root.resolve("d/e")).isEmptyDirectory();
        assertThat(root.resolve("keep.txt")).exists();
    }

    @Test
    void makeFolder_makesItAndItsParents_anExistingFolderIsFine_aFileThereIsNot() throws Exception {
        LocalFile made = placer.makeFolder(VaultPath.of("a/b/empty"), "a/b/empty");

        assertThat(root.resolve("a/b/empty")).isEmptyDirectory();
        assertThat(made.folder()).isTrue();
        assertThat(placer.makeFolder(VaultPath.of("a/b/empty"), "a/b/empty").folder()).isTrue();
        Files.writeString(root.resolve("a/file"), "x");
        assertThatThrownBy(() -> placer.makeFolder(VaultPath.of("a/file"), "a/file"))
                .isInstanceOf(LocalPlacer.ChangedMeanwhileException.class);
        assertThat(root.resolve("a/file")).hasContent("x");
    }

    @Test
    void deleteFolder_removesOnlyAnEmptyFolder_oneThatHoldsAnythingIsKeptWhole() throws Exception {
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("held"));
        Files.writeString(root.resolve("held/.DS_Store"), "ignored, but something");

        assertThat(placer.deleteFolder("empty")).isTrue();
        assertThat(placer.deleteFolder("held")).isFalse();
        assertThat(placer.deleteFolder("gone")).as("already gone").isTrue();

        assertThat(root.resolve("empty")).doesNotExist();
        assertThat(root.resolve("held/.DS_Store")).hasContent("ignored, but something");
    }

    @Test
    void deleteFolder_aFileOrALinkWhereTheFolderWas_isNotTouched() throws Exception {
        Files.writeString(root.resolve("was-a-folder"), "now a file");
        Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        assertThatThrownBy(() -> placer.deleteFolder("was-a-folder")).isInstanceOf(LocalPlacer.ChangedMeanwhileException.class);
        assertThatThrownBy(() -> placer.deleteFolder("link")).isInstanceOf(LocalPlacer.ChangedMeanwhileException.class);
        assertThat(root.resolve("was-a-folder")).hasContent("now a file");
        assertThat(outside).isDirectory();
    }

    @Test
    void delete_fileEditedSinceTheScan_isKept() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        LocalFile seen = scanned("a.txt");
        Files.writeString(root.resolve("a.txt"), "edited");

        assertThatThrownBy(() -> placer.delete("a.txt", seen)).isInstanceOf(LocalPlacer.ChangedMeanwhileException.class);
        assertThat(root.resolve("a.txt")).hasContent("edited");
    }

    @Test
    void delete_fileReplacedByALink_neverFollowsIt() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        LocalFile seen = scanned("a.txt");
        Path elsewhere = Files.writeString(root.resolve("elsewhere.txt"), "precious");
        Files.delete(root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("a.txt"), elsewhere);

        assertThatThrownBy(() -> placer.delete("a.txt", seen)).isInstanceOf(LocalPlacer.ChangedMeanwhileException.class);
        assertThat(elsewhere).hasContent("precious");
    }

    @Test
    void rename_toAFreeName_movesTheFileAndKeepsItsHash() throws Exception {
        Files.writeString(root.resolve("n.txt"), "mine");
        LocalFile seen = scanned("n.txt");

        LocalFile copy = placer.rename(seen, VaultPath.of("n.conflict-x.txt"), "n.conflict-x.txt");

        assertThat(root.resolve("n.txt")).doesNotExist();
        assertThat(root.resolve("n.conflict-x.txt")).hasContent("mine");
        assertThat(copy.hash()).isEqualTo(seen.hash());
        assertThat(copy.path()).isEqualTo(VaultPath.of("n.conflict-x.txt"));
    }

    @Test
    void rename_ontoAnExistingName_refusesAndChangesNothing() throws Exception {
        Files.writeString(root.resolve("n.txt"), "mine");
        Files.writeString(root.resolve("taken.txt"), "someone else's");
        LocalFile seen = scanned("n.txt");

        assertThatThrownBy(() -> placer.rename(seen, VaultPath.of("taken.txt"), "taken.txt"))
                .isInstanceOf(LocalPlacer.ChangedMeanwhileException.class).hasMessageContaining("already exists");
        assertThat(root.resolve("taken.txt")).hasContent("someone else's");
        assertThat(root.resolve("n.txt")).hasContent("mine");
    }

    @Test
    void unchanged_isTrueOnlyForTheFileAsScanned() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x");
        LocalFile seen = scanned("a.txt");

        assertThat(placer.unchanged(seen)).isTrue();
        Files.writeString(root.resolve("a.txt"), "xy");
        assertThat(placer.unchanged(seen)).isFalse();
        Files.delete(root.resolve("a.txt"));
        assertThat(placer.unchanged(seen)).isFalse();
    }
}
