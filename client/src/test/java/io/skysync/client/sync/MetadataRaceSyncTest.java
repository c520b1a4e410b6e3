package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.client.index.IndexStore;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Metadata changes of two devices racing: one device's commit lands between the other's plan and
 * its commit. The late commit carries the bit its device had, so it must not undo the first one.
 */
class MetadataRaceSyncTest extends TwoDevices {

    @Test
    void touchCommittedOverAChmodThatLandedAfterThePlan_theChmodAndTheTouchBothStand() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho hi\n");
        syncBoth();
        Path onA = a.root.resolve("run.sh");
        Path onB = b.root.resolve("run.sh");
        assertThat(Files.isExecutable(onB)).isFalse();

        Instant touched = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        Files.setLastModifiedTime(onA, FileTime.from(touched)); // a touch on a
        Runnable chmodOnB = () -> {
            try {
                chmodPlusX(onB);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertThat(b.sync().failures()).isEmpty();
        };
        assertThat(syncWithCommitAfter(chmodOnB).failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(a.sync().failures()).isEmpty();

        assertThat(Files.isExecutable(onB)).as("b's chmod is not undone by a's late touch").isTrue();
        assertThat(Files.isExecutable(onA)).as("a takes the bit").isTrue();
        assertThat(b.remote().files(null, 10).entries().get(0).executable()).isTrue();
        assertThat(b.remote().files(null, 10).entries().get(0).mtime()).as("nor a's touch by b's chmod")
                .isEqualTo(touched.toEpochMilli());
        assertThat(Files.getLastModifiedTime(onB).toInstant()).as("b takes the time").isEqualTo(touched);
    }

    @Test
    void editCommittedOverAChmodThatLandedAfterThePlan_theEditAndTheChmodBothStand() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho 1\n");
        syncBoth();
        Path onB = b.root.resolve("run.sh");

        a.write("run.sh", "#!/bin/sh\necho 2\n");
        Runnable chmodOnB = () -> {
            assertThat(onB.toFile().setExecutable(true, false)).isTrue();
            assertThat(b.sync().failures()).isEmpty();
        };
        assertThat(syncWithCommitAfter(chmodOnB).failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();

        assertThat(b.read("run.sh")).isEqualTo("#!/bin/sh\necho 2\n");
        assertThat(b.remote().files(null, 10).entries().get(0).executable()).as("b's chmod stands").isTrue();
        assertThat(Files.isExecutable(onB)).isTrue();
        assertThat(Files.isExecutable(a.root.resolve("run.sh"))).as("a takes the bit with its edit").isTrue();
    }

    @Test
    void chmodSeenByARunThatDiedBeforeSettingIt_theNextRunSetsItAndDoesNotCommitTheOldBit() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho hi\n");
        syncBoth();
        Path onA = a.root.resolve("run.sh");
        Path onB = b.root.resolve("run.sh");
        chmodPlusX(onB);
        assertThat(b.sync().failures()).isEmpty();

        // a's run records what it saw (b's chmod, the same content as a's file), then dies before it sets the bit.
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            IndexStore diesAfterCheckpoint = DiesOnSave.after(index, 1);
            SyncEngine engine = new SyncEngine(a.remote(), a.transfers(), diesAfterCheckpoint, a.root, Clock.systemUTC(),
                    new ParallelHasher(2), IgnoreRules.load(a.root), 4, Progress.NONE);
            assertThatThrownBy(() -> engine.run(a.options(ConflictPolicy.KEEP_BOTH))).hasMessageContaining("died");
        }
        assertThat(Files.isExecutable(onA)).isFalse();

        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(b.remote().files(null, 10).entries().get(0).executable()).as("b's chmod stands").isTrue();
        assertThat(Files.isExecutable(onA)).as("a takes the bit").isTrue();
        assertThat(Files.isExecutable(onB)).as("b keeps it").isTrue();

        assertThat(onA.toFile().setExecutable(false, false)).isTrue();
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(b.remote().files(null, 10).entries().get(0).executable()).as("a's own chmod -x, later, is sent").isFalse();
        assertThat(Files.isExecutable(onA)).as("and not undone here").isFalse();
    }

    private static void chmodPlusX(Path file) throws IOException {
        Set<PosixFilePermission> bits = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        bits.add(PosixFilePermission.OWNER_EXECUTE);
        Files.setPosixFilePermissions(file, bits);
    }

    /** Syncs {@code a}, running {@code meanwhile} once right before its first commit reaches the server. */
    private SyncReport syncWithCommitAfter(Runnable meanwhile) throws IOException {
        RemoteVault raced = new Raced(a.remote(), meanwhile);
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            return new SyncEngine(raced, a.transfers(), index, a.root, Clock.systemUTC(), new ParallelHasher(2),
                    IgnoreRules.load(a.root), 4, Progress.NONE).run(a.options(ConflictPolicy.KEEP_BOTH));
        }
    }

    private static final class Raced extends ForwardingVault {
        private Runnable meanwhile;

        Raced(RemoteVault remote, Runnable meanwhile) {
            super(remote);
            this.meanwhile = meanwhile;
        }

        @Override
        public CommitResponse commit(CommitRequest request) {
            if (meanwhile != null) {
                Runnable once = meanwhile;
                meanwhile = null;
                once.run();
            }
            return remote.commit(request);
        }
    }
}
