package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import io.skysync.client.testing.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Metadata one device set is neither lost nor re-stamped by what the other does meanwhile: an edit
 * there carries its content and its time, not a bit it never saw; a time the disk can hold reaches
 * every device as it is (docs/reconcile.md, "Metadata").
 */
class MetadataKeptSyncTest extends TwoDevices {

    @Test
    void chmodOnOneDevice_editOnTheOtherBeforeItSynced_bothTheEditAndTheBitStand() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho 1\n");
        syncBoth();
        assertThat(b.root.resolve("run.sh").toFile().setExecutable(true, false)).isTrue();
        assertThat(b.sync().failures()).isEmpty();

        a.write("run.sh", "#!/bin/sh\necho 2\n"); // a has not seen b's chmod
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(a.sync().failures()).isEmpty();

        assertThat(b.read("run.sh")).isEqualTo("#!/bin/sh\necho 2\n");
        assertThat(stored("run.sh").executable()).as("b's chmod is not undone by a's edit").isTrue();
        assertThat(Files.isExecutable(a.root.resolve("run.sh"))).as("a takes the bit").isTrue();
        assertThat(Files.isExecutable(b.root.resolve("run.sh"))).as("b keeps it").isTrue();
    }

    @Test
    void touchOnOneDevice_chmodOnTheOther_bothStandWhicheverSyncsFirst() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho 1\n").write("tool.sh", "#!/bin/sh\necho 2\n");
        syncBoth();
        Instant touched = Instant.parse("2030-01-01T00:00:00Z");
        // run.sh: b's chmod reaches the vault first; tool.sh: a's touch does.
        assertThat(b.root.resolve("run.sh").toFile().setExecutable(true, false)).isTrue();
        Files.setLastModifiedTime(b.root.resolve("tool.sh"), FileTime.from(touched));
        assertThat(b.sync().failures()).isEmpty();
        Files.setLastModifiedTime(a.root.resolve("run.sh"), FileTime.from(touched));
        assertThat(a.root.resolve("tool.sh").toFile().setExecutable(true, false)).isTrue();
        syncBoth();
        long head = stored("run.sh").version() + stored("tool.sh").version();
        syncBoth();

        for (String path : new String[] {"run.sh", "tool.sh"}) {
            assertThat(stored(path).executable()).as(path + ": the chmod stands").isTrue();
            assertThat(stored(path).mtime()).as(path + ": the touch stands").isEqualTo(touched.toEpochMilli());
            for (Device device : new Device[] {a, b}) {
                assertThat(Files.isExecutable(device.root.resolve(path))).as(device.name + " " + path).isTrue();
                assertThat(timeOf(device, path)).as(device.name + " " + path).isEqualTo(touched);
            }
        }
        assertThat(stored("run.sh").version() + stored("tool.sh").version()).as("settled").isEqualTo(head);
    }

    @Test
    void fileFromBefore1970_reachesTheOtherDeviceWithItsTime_andMakesNoNewVersion() throws IOException {
        Instant moonLanding = Instant.parse("1969-07-20T20:17:40Z");
        a.write("old.txt", "from long ago");
        Files.setLastModifiedTime(a.root.resolve("old.txt"), FileTime.from(moonLanding));
        Assumptions.assumeTrue(Files.getLastModifiedTime(a.root.resolve("old.txt")).toInstant().equals(moonLanding),
                "needs a disk that keeps times before 1970");
        syncBoth();
        syncBoth();

        EntryDto stored = stored("old.txt");
        assertThat(stored.version()).as("no device re-stamped it").isEqualTo(1);
        assertThat(stored.mtime()).isEqualTo(moonLanding.toEpochMilli());
        assertThat(timeOf(b, "old.txt")).as("b has its time").isEqualTo(moonLanding);
        assertThat(timeOf(a, "old.txt")).as("a keeps it").isEqualTo(moonLanding);
    }

    private EntryDto stored(String path) {
        return b.remote().files(null, 10).entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    private static Instant timeOf(Device device, String path) throws IOException {
        Path file = device.root.resolve(path);
        return Files.getLastModifiedTime(file).toInstant();
    }
}
