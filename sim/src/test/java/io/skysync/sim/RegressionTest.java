package io.skysync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.sync.SyncReport;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every bug the simulation found, as a named scenario with the crash placed by hand (random faults
 * off), so it stays a regression test whatever the random streams do. docs/reliability.md lists
 * each with the seed that found it.
 */
class RegressionTest {
    private final MemoryWorld world = new MemoryWorld(7, 3, new FaultCounts());
    private final SimDevice dev0 = world.devices().get(0);
    private final SimDevice dev1 = world.devices().get(1);
    private final SimDevice dev2 = world.devices().get(2);

    RegressionTest() {
        world.faults().enable(false);
    }

    @AfterEach
    void close() {
        world.close();
    }

    /** Found by seed 148 (and 110, 140): the commit was applied, the index never heard of it. */
    @Test
    void crashAfterCommitApplied_thenLocalEdit_uploadsWithoutConflict() throws IOException {
        write(dev0, "a.txt", "first");
        crashAt(dev0, "after the server applied POST commit");
        write(dev0, "a.txt", "second");

        SyncReport report = sync(dev0);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.uploaded()).containsExactly("a.txt");
        sync(dev1);
        assertThat(read(dev1, "a.txt")).isEqualTo("second");
    }

    /** Found by seed 110: the crash came right before the final index transaction, after everything else. */
    @Test
    void crashBeforeTheFinalIndexTransaction_thenLocalEdit_uploadsWithoutConflict() throws IOException {
        write(dev0, "a.txt", "first");
        crashAt(dev0, "before the index transaction", 2);
        write(dev0, "a.txt", "second, longer");

        SyncReport report = sync(dev0);

        assertThat(report.conflicts()).isEmpty();
        assertThat(world.serverTree()).containsOnlyKeys("a.txt");
    }

    /** Found by seeds 59 and 340: a download was placed, the index never heard of it, then another device edited. */
    @Test
    void crashAfterDownloadPlaced_thenRemoteEdit_downloadsWithoutConflict() throws IOException {
        write(dev0, "a.txt", "first");
        sync(dev0);
        crashAt(dev1, "after received a.txt");
        write(dev0, "a.txt", "second");
        sync(dev0);

        SyncReport report = sync(dev1);

        assertThat(report.conflicts()).isEmpty();
        assertThat(read(dev1, "a.txt")).isEqualTo("second");
        assertThat(world.serverTree()).containsOnlyKeys("a.txt");
    }

    /**
     * Found by seeds 5502, 6008, 1822, 2823, 3088: the commit was applied but the index knew no remote
     * version yet, and another device changed the file since: only the path's history shows that the
     * local content is a past version.
     */
    @Test
    void crashAfterFirstCommit_thenAnotherDeviceEdits_downloadsWithoutConflict() throws IOException {
        write(dev1, "x", "created on dev1");
        crashAt(dev1, "after sent x");
        sync(dev0);
        write(dev0, "x", "edited on dev0");
        sync(dev0);

        SyncReport report = sync(dev1);

        assertThat(report.conflicts()).isEmpty();
        assertThat(read(dev1, "x")).isEqualTo("edited on dev0");
        assertThat(world.serverTree()).containsOnlyKeys("x");
    }

    /** Found by seed 1373: the conflict copy was committed, the index never heard of it, then the user edited it. */
    @Test
    void crashAfterConflictCopyCommitted_thenCopyEdited_noConflictOnTheCopy() throws IOException {
        write(dev0, "a.txt", "base");
        sync(dev0);
        sync(dev1);
        write(dev0, "a.txt", "dev0's edit");
        write(dev1, "a.txt", "dev1's edit");
        sync(dev1);
        crashAt(dev0, "before POST download-urls");
        String copy = UserActions.files(dev0.root).keySet().stream().filter(p -> p.contains(".conflict-")).findFirst()
                .orElseThrow();
        write(dev0, copy, "dev0's edit, edited again");

        SyncReport report = sync(dev0);

        assertThat(report.conflicts()).isEmpty();
        assertThat(world.serverTree()).containsOnlyKeys("a.txt", copy);
        assertThat(read(dev0, "a.txt")).isEqualTo("dev1's edit");
    }

    /** Found by seed 833: a same-size edit in the same timestamp tick as the scan kept size, time and inode. */
    @Test
    void sameSizeEditInTheSameTick_isStillSynced() throws IOException {
        write(dev0, "a.txt", "version-1");
        sync(dev0);
        write(dev0, "a.txt", "version-2");

        SyncReport report = sync(dev0);

        assertThat(report.uploaded()).containsExactly("a.txt");
        sync(dev1);
        assertThat(read(dev1, "a.txt")).isEqualTo("version-2");
    }

    /**
     * Found by seed 3266 while the engine became a pipeline: a commit applied and its record lost
     * (a crash), then a same-size edit and a crash before anything was sent. The second run's
     * checkpoint overwrote the scan that proved the first commit was this device's own, so the
     * third run saw a conflict. The run now records the repaired ancestor, not the raw row.
     */
    @Test
    void crashAfterCommit_thenEditAndACrashBeforeSending_thenSync_noConflict() throws IOException {
        write(dev2, "x.txt", "first version!");
        crashAt(dev2, "after the server applied POST commit");
        sync(dev1);
        write(dev2, "x.txt", "second version");
        crashAt(dev2, "before POST upload-urls");

        SyncReport report = sync(dev2);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.uploaded()).containsExactly("x.txt");
        assertThat(world.serverTree()).containsOnlyKeys("x.txt");
    }

    /**
     * Issue 10, item 4: the index was lost while another device deleted the file. Before the fix the
     * next sync committed the local copy over the tombstone (R07); now the path's history shows the
     * local copy is a version the deletion superseded (R30), and the deletion applies here.
     */
    @Test
    void lostIndexRacingARemoteDelete_appliesTheDeletionInsteadOfRecommitting() throws IOException {
        write(dev0, "a.txt", "shared");
        write(dev0, "keep.txt", "keep");
        sync(dev0);
        sync(dev1);
        Files.delete(dev0.root.resolve("a.txt"));
        sync(dev0);
        world.faults().force(FaultKind.LOST_INDEX);

        SyncReport report = sync(dev1);

        assertThat(report.deletedLocal()).containsExactly("a.txt");
        assertThat(report.uploaded()).isEmpty();
        assertThat(world.serverTree()).containsOnlyKeys("keep.txt");
    }

    /**
     * Issue 10, item 2: a server restored from a backup (or a hostile one) answers cursor_expired,
     * then lists only some of the files this device synced. Before the fix each file it left out
     * was deleted here; now a synced file a listing leaves out is sent again (R13), nothing is deleted.
     */
    @Test
    void incompleteListingAfterCursorExpired_deletesNothingHere() throws IOException {
        for (int i = 0; i < 6; i++) {
            write(dev0, "f" + i + ".txt", "content " + i);
        }
        sync(dev0);
        sync(dev1);
        Files.delete(dev1.root.resolve("f0.txt"));
        world.faults().force(FaultKind.INCOMPLETE_LISTING);

        SyncReport report = sync(dev1);

        assertThat(report.deletedLocal()).isEmpty();
        assertThat(UserActions.files(dev1.root)).hasSize(5);
        sync(dev0);
        assertThat(world.serverTree()).as("the local deletion still reached the server (R08)").hasSize(5)
                .doesNotContainKey("f0.txt");
        assertThat(UserActions.files(dev0.root)).hasSize(5);
    }

    /**
     * Issue 10, "beyond the list": an admin revokes a device while it syncs. Its token writes nothing
     * from then on (the world checks every entry the manifest kept), its files stay, and once it has
     * joined again with a new token its change goes through.
     */
    @Test
    void revokedDuringASync_writesNothingAfterTheRevocation_andSyncsOnceItJoinsAgain() throws IOException {
        write(dev0, "a.txt", "base");
        sync(dev0);
        sync(dev1);
        write(dev1, "a.txt", "dev1's edit");
        world.faults().force(FaultKind.REVOKED);

        SimDevice.Outcome refused = dev1.sync();

        assertThat(refused.failure()).as(refused.describe()).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(world.afterSync(dev1)).isNull();
        assertThat(read(dev1, "a.txt")).isEqualTo("dev1's edit");
        assertThat(world.serverTree()).containsEntry("a.txt", UserActions.hash(dev0.root.resolve("a.txt")));
        SyncReport rejoined = sync(dev1);
        assertThat(rejoined.uploaded()).containsExactly("a.txt");
        assertThat(world.afterSync(dev1)).isNull();
    }

    private void crashAt(SimDevice device, String point) {
        crashAt(device, point, 1);
    }

    private void crashAt(SimDevice device, String point, int nth) {
        world.faults().armCrash(point, nth);
        SimDevice.Outcome outcome = device.sync();
        assertThat(outcome.crash()).as("the crash at " + point).isNotNull();
        world.clock().advance(Duration.ofSeconds(3));
    }

    /** A sync without faults; the clock moves as little as a fast user's would (the same tick for same-tick cases). */
    private static SyncReport sync(SimDevice device) {
        SimDevice.Outcome outcome = device.sync();
        assertThat(outcome.report()).as(outcome.describe()).isNotNull();
        assertThat(outcome.report().failures()).isEmpty();
        return outcome.report();
    }

    private static void write(SimDevice device, String rel, String text) throws IOException {
        Path file = device.root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String read(SimDevice device, String rel) throws IOException {
        return new String(Files.readAllBytes(device.root.resolve(rel)), StandardCharsets.UTF_8);
    }
}
