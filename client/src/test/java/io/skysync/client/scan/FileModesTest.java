package io.skysync.client.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileModesTest {
    @ParameterizedTest
    @CsvSource({
        "ext4, true", "xfs, true", "btrfs, true", "tmpfs, true", "overlay, true", "zfs, true", "apfs, true",
        "fuse.sshfs, true", "nfs, true",
        "vfat, false", "msdos, false", "exfat, false", "EXFAT, false", "ntfs, false", "ntfs3, false",
        "fuseblk, false", "cifs, false", "smb3, false", "smbfs, false"
    })
    void keptBy_volumesWhoseModesComeFromTheMount_areNot(String type, boolean kept) {
        assertEquals(kept, FileModes.keptBy(type), type);
    }

    @Test
    void keptAt_theTestsOwnTemporaryFolder_keepsModes(@TempDir Path dir) {
        // The suite runs on a Linux or macOS disk with real modes; ExecutableBitTest relies on it too.
        assertTrue(FileModes.keptAt(dir));
    }
}
