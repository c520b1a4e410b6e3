package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResultDto;
import io.skysync.api.EntryDto;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member device that commits metadata no disk holds: the other devices set what their disk can,
 * and settle; no sync after that sends anything again (docs/reconcile.md, "Metadata").
 */
class HostileMetadataSyncTest extends TwoDevices {

    @Test
    void timeNoDiskHolds_theOtherDeviceSettlesInsteadOfSendingItsOwnEverySync() throws IOException {
        a.write("old.txt", "kept");
        syncBoth();
        for (long time : new long[] {Long.MIN_VALUE, -9_223_372_036_855L, Long.MAX_VALUE}) {
            EntryDto stored = stored();
            CommitEntryDto touch = new CommitEntryDto("old.txt", stored.version(), stored.hash(), stored.size(), time,
                    false, null, null, null);
            assertThat(b.remote().commit(new CommitRequest(List.of(touch))).results().get(0).status())
                    .isEqualTo(CommitResultDto.COMMITTED);

            for (int i = 0; i < 3; i++) {
                assertThat(a.sync().failures()).isEmpty();
            }
            assertThat(a.sync().planned()).as("settled after a time of " + time).isEmpty();
            assertThat(b.sync().failures()).isEmpty();
            assertThat(b.sync().planned()).as("b too").isEmpty();
            assertThat(a.read("old.txt")).isEqualTo("kept");
            long settled = stored().mtime();
            assertThat(Math.abs(settled)).as("a time the disk holds, not one wrapped around").isLessThan(Long.MAX_VALUE / 1_000_000);
            assertThat(Files.getLastModifiedTime(a.root.resolve("old.txt")).toMillis()).isEqualTo(settled);
            assertThat(Files.getLastModifiedTime(b.root.resolve("old.txt")).toMillis()).isEqualTo(settled);
            assertThat(Long.signum(settled)).as("on the side it was sent").isEqualTo(Long.signum(time));
        }
    }

    private EntryDto stored() {
        return b.remote().files(null, 10).entries().get(0);
    }
}
