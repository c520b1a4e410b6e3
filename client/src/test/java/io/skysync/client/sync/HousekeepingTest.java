package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.progress.Progress;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.scan.ScanResult;
import io.skysync.client.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What earlier versions left beside their targets is removed; a user's file of a like name never is. */
class HousekeepingTest {
    @TempDir
    Path root;

    @Test
    void removeLegacyTemps_onlyTheNamesEarlierVersionsWrote() throws Exception {
        Files.createDirectories(root.resolve("d"));
        Path legacy = Files.writeString(root.resolve("d/.skysync-tmp-0123456789ab-17"), "half a download");
        Path userFile = Files.writeString(root.resolve("d/.skysync-tmp-my notes"), "a user's file");
        Path almost = Files.writeString(root.resolve(".skysync-tmp-0123456789ab-"), "not quite the pattern");
        ScanResult scan = new Scanner(root, IgnoreRules.none(), new ParallelHasher(1)).scan(Map.of());

        Housekeeping.removeLegacyTemps(scan, root, Progress.NONE);

        assertThat(legacy).doesNotExist();
        assertThat(userFile).hasContent("a user's file");
        assertThat(almost).exists();
    }
}
