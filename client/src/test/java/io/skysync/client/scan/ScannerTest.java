package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
    @TempDir
    Path root;
    final AtomicInteger hashedFiles = new AtomicInteger();
    final Hasher counting = files -> {
        hashedFiles.addAndGet(files.size());
        return new ParallelHasher(2).hash(files);
    };

    private Map<VaultPath, IndexRow> asIndex(ScanResult scan) {
        Map<VaultPath, IndexRow> index = new HashMap<>();
        scan.files().values().forEach(f -> index.put(f.path(), IndexRow.scanned(f.path(), f.localName(), f.stat())));
        return index;
    }

    @Test
    void scan_unchangedFiles_reuseIndexHashes() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/b.txt"), "b");
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        ScanResult first = scanner.scan(Map.of());
        hashedFiles.set(0);

        ScanResult second = scanner.scan(asIndex(first));

        assertThat(hashedFiles).hasValue(0);
        assertThat(second.files()).containsOnlyKeys(VaultPath.of("a.txt"), VaultPath.of("d"), VaultPath.of("d/b.txt"));
        assertThat(second.files().get(VaultPath.of("d")).folder()).isTrue();
        assertThat(second.files().get(VaultPath.of("a.txt")).hash()).isEqualTo(ContentHash.ofBytes("a".getBytes()));
    }

    @Test
    void scan_changedMtimeOrSize_rehashesOnlyThatFile() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve("b.txt"), "b");
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        Map<VaultPath, IndexRow> index = asIndex(scanner.scan(Map.of()));
        Files.writeString(root.resolve("a.txt"), "changed");
        Files.setLastModifiedTime(root.resolve("a.txt"), FileTime.fromMillis(12345));
        hashedFiles.set(0);

        ScanResult again = scanner.scan(index);

        assertThat(hashedFiles).hasValue(1);
        assertThat(again.files().get(VaultPath.of("a.txt")).hash()).isEqualTo(ContentHash.ofBytes("changed".getBytes()));
    }

    @Test
    void scan_symlinksAndStateFolder_areSkipped() throws Exception {
        Files.writeString(root.resolve("real.txt"), "r");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("real.txt"));
        Files.createDirectories(root.resolve("dirlink-target"));
        Files.writeString(root.resolve("dirlink-target/x"), "x");
        Files.createSymbolicLink(root.resolve("dirlink"), root.resolve("dirlink-target"));
        Files.createDirectories(root.resolve(".skysync"));
        Files.writeString(root.resolve(".skysync/index.db"), "db");
        Files.writeString(root.resolve(".skysync-tmp-abc-1"), "partial");

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting).scan(Map.of());

        assertThat(scan.files()).as("folders are entries; a link to a folder is not one, nor .skysync")
                .containsOnlyKeys(VaultPath.of("real.txt"), VaultPath.of("dirlink-target"), VaultPath.of("dirlink-target/x"));
        assertThat(scan.skipped()).anyMatch(s -> s.contains("symlink link.txt")).anyMatch(s -> s.contains("symlink dirlink"));
        assertThat(scan.staleTemps()).hasSize(1);
    }

    @Test
    void scan_nfdName_becomesNfcVaultPathKeepingTheDiskName() throws Exception {
        Files.writeString(root.resolve("cafe\u0301.txt"), "c");
        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting).scan(Map.of());
        LocalFile file = scan.files().get(VaultPath.of("caf\u00e9.txt"));
        assertThat(file).isNotNull();
        assertThat(file.localName()).isEqualTo("cafe\u0301.txt");
    }

    @Test
    void scan_ignoreRules_leaveFilesOut() throws Exception {
        Files.writeString(root.resolve("a.log"), "l");
        Files.writeString(root.resolve("a.txt"), "t");
        ScanResult scan = new Scanner(root, IgnoreRules.parse(List.of("*.log")), counting).scan(Map.of());
        assertThat(scan.files()).containsOnlyKeys(VaultPath.of("a.txt"));
    }

    @Test
    void scan_stagingFolderOfTheEngine_isNeverAUserFile() throws Exception {
        Files.createDirectories(root.resolve(".skysync/tmp"));
        Files.writeString(root.resolve(".skysync/tmp/0123456789ab-1.part"), "half a download");
        Files.writeString(root.resolve("real.txt"), "r");

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting).scan(Map.of());

        assertThat(scan.files()).containsOnlyKeys(VaultPath.of("real.txt"));
        assertThat(scan.staleTemps()).isEmpty();
    }

    @Test
    void scan_twoNamesThatNormalizeToOnePath_keepsTheFirstAndSaysWhy() throws Exception {
        Files.writeString(root.resolve("caf\u00e9.txt"), "nfc");
        Files.writeString(root.resolve("cafe\u0301.txt"), "nfd");

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting).scan(Map.of());

        assertThat(scan.files()).hasSize(1);
        assertThat(scan.skipped()).anyMatch(s -> s.contains("another file has the same name in another Unicode form"));
    }

    @Test
    void scan_unchangedFileMetByANameInAnotherUnicodeForm_isChosenBetweenAsWithoutAnIndex() throws Exception {
        Files.writeString(root.resolve("caf\u00e9.txt"), "nfc");
        Files.writeString(root.resolve("plain.txt"), "p");
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        Map<VaultPath, IndexRow> index = asIndex(scanner.scan(Map.of()));
        // Sorts before the NFC name ('e' before 'é'), so it is the one synced, as a scan without an index chooses.
        Files.writeString(root.resolve("cafe\u0301.txt"), "nfd");
        hashedFiles.set(0);

        ScanResult again = scanner.scan(index);

        LocalFile cafe = again.files().get(VaultPath.of("caf\u00e9.txt"));
        assertThat(cafe.localName()).isEqualTo("cafe\u0301.txt");
        assertThat(cafe.hash()).isEqualTo(ContentHash.ofBytes("nfd".getBytes()));
        assertThat(again.skipped()).containsExactly("skipped caf\u00e9.txt: another file has the same name in another Unicode form");
        assertThat(again.files().get(VaultPath.of("plain.txt")).hash()).isEqualTo(ContentHash.ofBytes("p".getBytes()));
        assertThat(hashedFiles).hasValue(1);
    }

    @Test
    void scan_unchangedFile_keepsTheRowsOwnPathNameAndKey() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        Map<VaultPath, IndexRow> index = asIndex(scanner.scan(Map.of()));
        IndexRow row = index.get(VaultPath.of("a.txt"));

        LocalFile again = scanner.scan(index).files().get(VaultPath.of("a.txt"));

        assertThat(again.path()).isSameAs(row.path());
        assertThat(again.localName()).isSameAs(row.localName());
        assertThat(again.fileKey()).isSameAs(row.local().fileKey());
        assertThat(again.hash()).isSameAs(row.localHash());
    }

    @Test
    void scan_fileModifiedJustBeforeTheScan_isInsideTheRacyWindow() throws Exception {
        Instant now = Instant.parse("2026-04-01T12:00:00Z");
        Files.writeString(root.resolve("fresh.txt"), "f");
        Files.setLastModifiedTime(root.resolve("fresh.txt"), FileTime.from(now.minusMillis(500)));
        Files.writeString(root.resolve("old.txt"), "o");
        Files.setLastModifiedTime(root.resolve("old.txt"), FileTime.from(now.minusSeconds(60)));

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting, Clock.fixed(now, ZoneOffset.UTC)).scan(Map.of());

        long racyFrom = scan.racyFromNanos();
        assertThat(scan.files().get(VaultPath.of("fresh.txt")).mtimeNanos()).isGreaterThanOrEqualTo(racyFrom);
        assertThat(scan.files().get(VaultPath.of("old.txt")).mtimeNanos()).isLessThan(racyFrom);
    }

    @Test
    void scan_fileRenamedInPlace_isHashedAgainUnderItsNewName() throws Exception {
        Files.writeString(root.resolve("a.txt"), "same");
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        Map<VaultPath, IndexRow> index = asIndex(scanner.scan(Map.of()));
        Files.move(root.resolve("a.txt"), root.resolve("b.txt"));
        hashedFiles.set(0);

        ScanResult again = scanner.scan(index);

        assertThat(again.files()).containsOnlyKeys(VaultPath.of("b.txt"));
        assertThat(hashedFiles).hasValue(1);
    }
    @Test
    void scan_treeOfThousands_seesEachKindOfChangeAndHashesOnlyThose() throws Exception {
        for (int i = 0; i < 3000; i++) {
            Path file = root.resolve(String.format("d%02d/f%04d.txt", i / 100, i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content " + i);
        }
        Scanner scanner = new Scanner(root, IgnoreRules.none(), counting);
        Map<VaultPath, IndexRow> index = asIndex(scanner.scan(Map.of()));
        Path resized = root.resolve("d03/f0300.txt");
        Path touched = root.resolve("d17/f1700.txt");
        FileTime before = Files.getLastModifiedTime(touched);
        Files.writeString(resized, "content 300, longer now");
        Files.writeString(touched, "CONTENT 1700"); // the same size
        Files.setLastModifiedTime(touched, FileTime.fromMillis(before.toMillis() + 5000));
        Files.writeString(root.resolve("d29/new.txt"), "new");
        Files.delete(root.resolve("d11/f1111.txt"));
        hashedFiles.set(0);

        ScanResult again = scanner.scan(index);

        assertThat(hashedFiles).as("only the resized, the touched and the new file").hasValue(3);
        assertThat(again.files()).hasSize(3000 + 30).doesNotContainKey(VaultPath.of("d11/f1111.txt"));
        assertThat(again.files().get(VaultPath.of("d03/f0300.txt")).hash())
                .isEqualTo(ContentHash.ofBytes("content 300, longer now".getBytes()));
        assertThat(again.files().get(VaultPath.of("d17/f1700.txt")).hash()).isEqualTo(ContentHash.ofBytes("CONTENT 1700".getBytes()));
        assertThat(again.files().get(VaultPath.of("d29/new.txt")).hash()).isEqualTo(ContentHash.ofBytes("new".getBytes()));
        assertThat(again.files().get(VaultPath.of("d00/f0000.txt")).hash()).isEqualTo(ContentHash.ofBytes("content 0".getBytes()));
    }

    @Test
    void scan_executableBit_comesWithTheWalksOwnLookAtTheFile() throws Exception {
        Path tool = root.resolve("tool.sh");
        Files.writeString(tool, "#!/bin/sh");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("plain.txt"), "x");

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting).scan(Map.of());

        assertThat(scan.files().get(VaultPath.of("tool.sh")).executable()).isTrue();
        assertThat(scan.files().get(VaultPath.of("plain.txt")).executable()).isFalse();
    }

    @Test
    void scan_onAVolumeWithoutModesOfItsOwn_readsEveryBitAsUnknown() throws Exception {
        // A FAT stick on Linux shows every file as 0755: read as real, each would become executable everywhere.
        Path tool = root.resolve("tool.sh");
        Files.writeString(tool, "#!/bin/sh");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        ScanResult scan = new Scanner(root, IgnoreRules.none(), counting, Clock.systemUTC(), false).scan(Map.of());

        assertThat(scan.files().get(VaultPath.of("tool.sh")).executable()).isNull();
    }

    @Test
    void scan_fileWrittenWhileItIsHashed_keepsTheStatSeenBeforeTheRead_soTheNextScanHashesItAgain() throws Exception {
        Path file = root.resolve("busy.txt");
        Files.writeString(file, "before");
        Files.setLastModifiedTime(file, FileTime.fromMillis(10_000));
        // The write lands after the walk looked at the file and before (as if during) its read.
        Hasher writingMeanwhile = files -> {
            try {
                Files.writeString(file, "written while read");
                Files.setLastModifiedTime(file, FileTime.fromMillis(20_000));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ParallelHasher(1).hash(files);
        };
        ScanResult first = new Scanner(root, IgnoreRules.none(), writingMeanwhile).scan(Map.of());
        assertThat(first.files().get(VaultPath.of("busy.txt")).size()).isEqualTo("before".length());

        ScanResult second = new Scanner(root, IgnoreRules.none(), counting).scan(asIndex(first));

        assertThat(hashedFiles).hasValue(1);
        assertThat(second.files().get(VaultPath.of("busy.txt")).hash())
                .isEqualTo(ContentHash.ofBytes("written while read".getBytes()));
    }
}
