package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.testing.EngineRig;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local racer swaps a folder of the root for a link to somewhere else while a sync runs: no
 * byte of the vault may land outside the root, neither a temp file nor the placed file.
 */
class RootRaceTest {
    private static final String CONTENT = "vault content";
    private static final ContentHash HASH = ContentHash.ofBytes(CONTENT.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;
    Path root;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("keep.txt"), "so the root is never empty");
    }

    private void swapSubForALink() throws IOException {
        Files.move(root.resolve("sub"), root.resolve("sub-moved"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
    }

    private List<Path> outsideFiles() throws IOException {
        try (Stream<Path> files = Files.walk(outside)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void sync_folderSwappedForALinkDuringTheDownload_writesNothingOutsideTheRoot() throws IOException {
        ScriptedVault vault = new ScriptedVault();
        vault.plan = r -> new PlanResponse(List.of(ScriptedVault.live("sub/x", 1, HASH, CONTENT.length(), 1)), 1, false,
                List.of(), List.of());
        vault.downloadUrls = r -> new DownloadUrlsResponse(List.of(new DownloadUrlsResponse.DownloadDto("sub/x", 1,
                HASH.hex(), CONTENT.length(), "http://127.0.0.1:9/x", null)), List.of());
        List<List<Path>> duringDownload = new ArrayList<>();
        Transfers swapping = new Transfers() {
            @Override
            public void upload(Path source, long size, UploadDto target, ByteCounter progress) {
            }

            @Override
            public void download(Presigned url, Path target, ContentHash expected, long size, ByteCounter progress)
                    throws TransferException {
                try {
                    swapSubForALink();
                    Files.writeString(target, CONTENT);
                    duringDownload.add(outsideFiles());
                } catch (IOException e) {
                    throw new TransferException(TransferException.Kind.LOCAL_IO, e.getMessage(), e);
                }
            }
        };

        SyncReport report = new EngineRig(root, vault, swapping).sync();

        assertThat(duringDownload).singleElement().satisfies(files -> assertThat(files).isEmpty());
        assertThat(outsideFiles()).isEmpty();
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("sub/x");
            assertThat(f.reason()).contains("symlink");
        });
        assertThat(root.resolve(".skysync/tmp")).isEmptyDirectory();
    }

    @Test
    void folderHandle_swappedAfterItWasOpened_stillRenamesIntoTheFolderItOpened() throws Exception {
        SafeRoot safe = new SafeRoot(root);
        StagingArea staging = new StagingArea(safe);
        staging.prepare();
        Path temp = staging.newTemp(HASH);
        Files.writeString(temp, CONTENT);

        try (RootFolder folder = safe.folderOf("sub/x", false); RootFolder tmp = staging.folder()) {
            swapSubForALink();
            folder.moveFrom(tmp, temp.getFileName().toString(), "x");
        }

        assertThat(outsideFiles()).isEmpty();
        assertThat(root.resolve("sub-moved/x")).hasContent(CONTENT);
    }

    @Test
    void folderHandle_throughALink_isRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), outside);

        assertThatThrownBy(() -> new SafeRoot(root).folderOf("link/x", false)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("symlink");
        assertThatThrownBy(() -> RootFolder.open(root, new String[] {"link"})).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("link or a file");
    }

    @Test
    void folderHandle_deleteAndStat_neverFollowALink() throws Exception {
        Files.writeString(outside.resolve("victim"), "must stay");
        Files.createSymbolicLink(root.resolve("sub/victim"), outside.resolve("victim"));

        try (RootFolder folder = new SafeRoot(root).folderOf("sub/victim", false)) {
            assertThat(folder.stat("victim").isSymbolicLink()).isTrue();
            folder.delete("victim");
        }

        assertThat(outside.resolve("victim")).hasContent("must stay");
        assertThat(root.resolve("sub/victim")).doesNotExist();
    }

    @Test
    void stagingArea_thatIsALink_isRefused() throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.createSymbolicLink(root.resolve(".skysync/tmp"), outside);

        assertThatThrownBy(() -> new StagingArea(new SafeRoot(root)).prepare()).isInstanceOf(IOException.class)
                .hasMessageContaining("not a plain folder");
        assertThat(outsideFiles()).isEmpty();
    }

    @Test
    void stagingArea_prepare_emptiesWhatAKilledRunLeft_andIsPrivate() throws IOException {
        StagingArea staging = new StagingArea(new SafeRoot(root));
        staging.prepare();
        Files.writeString(staging.newTemp(HASH), "half a download");

        assertThat(staging.prepare()).isEqualTo(1);
        assertThat(root.resolve(".skysync/tmp")).isEmptyDirectory();
        assertThat(Files.getPosixFilePermissions(root.resolve(".skysync/tmp")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void stagingArea_thatIsAFile_orUnderAStateFolderThatIsALink_isRefused() throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.writeString(root.resolve(".skysync/tmp"), "not a folder");
        Path other = Files.createDirectories(temp.resolve("other-root"));
        Files.createSymbolicLink(other.resolve(".skysync"), outside);

        assertThatThrownBy(() -> new StagingArea(new SafeRoot(root)).prepare()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new StagingArea(new SafeRoot(other)).prepare()).isInstanceOf(IOException.class)
                .hasMessageContaining("not a plain folder");
        assertThat(outside.resolve("tmp")).doesNotExist();
    }

    @Test
    void stagingArea_newTemps_areDistinctAndInsideIt() throws IOException {
        StagingArea staging = new StagingArea(new SafeRoot(root));

        Path first = staging.newTemp(HASH);
        Path second = staging.newTemp(HASH);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(root.resolve(".skysync/tmp"));
    }
}
