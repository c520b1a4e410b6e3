package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What restore and resolve may replace or remove without losing anything. */
class SyncedContentTest {
    private static final VaultPath PATH = VaultPath.of("notes.txt");

    @TempDir
    Path root;

    @Test
    void aFileThatIsGoneLosesNothing() throws IOException {
        assertThat(SyncedContent.safeToReplace(root.resolve("notes.txt"), null)).isTrue();
    }

    @Test
    void aFileThisDeviceNeverSyncedIsNotSafe() throws IOException {
        Path file = write("notes.txt", "never synced");

        assertThat(SyncedContent.safeToReplace(file, null)).isFalse();
        assertThat(SyncedContent.safeToReplace(file, IndexRow.empty(PATH))).isFalse();
    }

    @Test
    void aFileHoldingTheSyncedContentIsSafe() throws IOException {
        Path file = write("notes.txt", "synced");
        IndexRow row = IndexRow.empty(PATH).withSynced(Snapshot.live(3, hashOf("synced")));

        assertThat(SyncedContent.safeToReplace(file, row)).isTrue();
    }

    @Test
    void aFileEditedSinceItsLastSyncIsNotSafe_evenAtTheSameSize() throws IOException {
        Path file = write("notes.txt", "edited");
        IndexRow row = IndexRow.empty(PATH).withSynced(Snapshot.live(3, hashOf("synced")));

        assertThat(SyncedContent.safeToReplace(file, row)).isFalse();
    }

    @Test
    void anEditKeepingSizeAndTime_afterARacilyCleanScan_isCaughtByReadingTheBytes() throws IOException {
        Path file = write("notes.txt", "synced");
        IndexRow row = asScanned(file, "synced");
        Files.writeString(file, "sinced", StandardCharsets.UTF_8);
        FileTime before = FileTime.from(row.local().mtimeNanos(), TimeUnit.NANOSECONDS);
        Files.setLastModifiedTime(file, before);

        // A racily clean scan (untrusted time) never vouches for the content: the bytes are read.
        IndexRow untrusted = row.withLocal(row.localName(), row.local().untrusted());
        assertThat(SyncedContent.safeToReplace(file, untrusted)).isFalse();
    }

    @Test
    void aScanThatSawTheSyncedContentIsTrustedWithoutReadingTheFile() throws IOException {
        Path file = write("notes.txt", "synced");

        assertThat(SyncedContent.safeToReplace(file, asScanned(file, "synced"))).isTrue();
    }

    @Test
    void aFolderStandingWhereTheFileWasIsNotSafe() throws IOException {
        Path folder = Files.createDirectory(root.resolve("notes.txt"));
        IndexRow row = IndexRow.empty(PATH).withSynced(Snapshot.live(3, hashOf("synced")));

        assertThat(SyncedContent.safeToReplace(folder, row)).isFalse();
    }

    @Test
    void aLinkToTheSyncedContentIsNotSafe_theLinkIsNotFollowed() throws IOException {
        Path target = write("elsewhere.txt", "synced");
        Path link = root.resolve("notes.txt");
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException noLinks) {
            assumeTrue(false, "symbolic links are not available here");
        }
        IndexRow row = IndexRow.empty(PATH).withSynced(Snapshot.live(3, hashOf("synced")));

        assertThat(SyncedContent.safeToReplace(link, row)).isFalse();
    }

    @Test
    void aTombstonedAncestorProtectsTheFileThatCameBack() throws IOException {
        Path file = write("notes.txt", "synced");
        IndexRow row = IndexRow.empty(PATH).withSynced(Snapshot.tombstone(4));

        assertThat(SyncedContent.safeToReplace(file, row)).isFalse();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(root.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static IndexRow asScanned(Path file, String content) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String key = attrs.fileKey() == null ? null : attrs.fileKey().toString();
        LocalStat stat = new LocalStat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key,
                hashOf(content));
        return IndexRow.scanned(PATH, "notes.txt", stat).withSynced(Snapshot.live(3, hashOf(content)));
    }

    private static ContentHash hashOf(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
