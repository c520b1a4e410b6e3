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
import io.skysync.client.testing.Device;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metadata changes across a run that died or lost an answer: what the index holds afterwards must
 * neither make the next runs undo this device's own metadata changes nor commit a stale bit over a
 * newer one (docs/reconcile.md, "Metadata").
 */
class MetadataCrashSyncTest extends TwoDevices {

    @BeforeEach
    void needsTheBit() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"),
                "needs the executable bit");
    }

    @Test
    void chmodSetByARunThatDiedBeforeItsIndexWrite_laterChmodsHereStillReachTheVault() throws IOException {
        b.write("run.sh", "#!/bin/sh\necho hi\n");
        assertThat(b.sync().failures()).isEmpty();
        assertThat(a.sync().failures()).isEmpty(); // a's file takes the vault's time, as every download does
        Path onA = a.root.resolve("run.sh");
        setBit(b, true);
        assertThat(b.sync().failures()).isEmpty();

        // a's run sets b's bit here (the time is the same already), then dies before its last index write.
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            SyncEngine engine = engine(a, a.remote(), DiesOnSave.before(index, 2));
            assertThatThrownBy(() -> engine.run(a.options(ConflictPolicy.KEEP_BOTH))).hasMessageContaining("died");
        }
        assertThat(Files.isExecutable(onA)).as("the touch was applied").isTrue();
        assertThat(a.sync().failures()).isEmpty();

        setBit(a, false);
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(Files.isExecutable(onA)).as("a's own chmod is not undone").isFalse();
        assertThat(vaultBit()).as("a's chmod reached the vault").isFalse();
        assertThat(Files.isExecutable(b.root.resolve("run.sh"))).as("and b").isFalse();
    }

    @Test
    void chmodWhoseCommitAnswerWasLost_thenUndoneOnAnotherDevice_isNotCommittedAgain() throws IOException {
        a.write("run.sh", "#!/bin/sh\necho hi\n");
        syncBoth();
        setBit(a, true);
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            SyncReport lost = engine(a, new AnswerLost(a.remote()), index).run(a.options(ConflictPolicy.KEEP_BOTH));
            assertThat(lost.failures()).as("the commit's answer never came").isNotEmpty();
        }
        assertThat(b.sync().failures()).isEmpty();
        assertThat(Files.isExecutable(b.root.resolve("run.sh"))).as("b took a's chmod").isTrue();
        setBit(b, false);
        assertThat(b.sync().failures()).isEmpty();

        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(vaultBit()).as("b's later chmod -x stands").isFalse();
        assertThat(Files.isExecutable(a.root.resolve("run.sh"))).as("a takes it").isFalse();
        assertThat(Files.isExecutable(b.root.resolve("run.sh"))).as("b keeps it").isFalse();
    }

    @Test
    void chmodSeenByTwoRunsThatDiedBeforeSettingIt_aTouchBetween_theOldBitIsNotCommittedOverIt() throws IOException {
        a.write("run.sh", "#!/bin/sh\necho hi\n");
        syncBoth();
        setBit(b, true);
        assertThat(b.sync().failures()).isEmpty();

        // Each run records what it saw (b's chmod), then dies before it sets the bit; between them a's file
        // is touched, so the second run's record holds a new scan of it.
        for (long time : new long[] {1_500_000_000_000L, 1_500_000_010_000L}) {
            try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
                SyncEngine engine = engine(a, a.remote(), DiesOnSave.after(index, 1));
                assertThatThrownBy(() -> engine.run(a.options(ConflictPolicy.KEEP_BOTH))).hasMessageContaining("died");
            }
            Files.setLastModifiedTime(a.root.resolve("run.sh"), FileTime.fromMillis(time));
        }
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(vaultBit()).as("b's chmod stands").isTrue();
        assertThat(Files.isExecutable(a.root.resolve("run.sh"))).as("a takes it").isTrue();
    }

    private Boolean vaultBit() {
        return b.remote().files(null, 10).entries().stream().filter(e -> e.path().equals("run.sh")).findFirst()
                .orElseThrow().executable();
    }

    private static void setBit(Device device, boolean executable) {
        assertThat(device.root.resolve("run.sh").toFile().setExecutable(executable, false)).isTrue();
    }

    private static SyncEngine engine(Device device, RemoteVault remote, IndexStore index) throws IOException {
        return new SyncEngine(remote, device.transfers(), index, device.root, Clock.systemUTC(), new ParallelHasher(2),
                IgnoreRules.load(device.root), 4, Progress.NONE);
    }

    /** A vault whose commits are applied, but whose answers never reach this device. */
    private static final class AnswerLost extends ForwardingVault {
        AnswerLost(RemoteVault remote) {
            super(remote);
        }

        @Override
        public CommitResponse commit(CommitRequest request) {
            remote.commit(request);
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the connection dropped before the answer");
        }
    }
}
