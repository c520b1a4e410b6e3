package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.ChangesResponse;
import io.skysync.api.ChunkUrlsRequest;
import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
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
            IndexStore diesAfterCheckpoint = new DiesAfterFirstSave(index);
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

    /** An index whose run dies right after its first write: the checkpoint of what the run saw. */
    private record DiesAfterFirstSave(IndexStore index) implements IndexStore {
        @Override
        public Map<VaultPath, IndexRow> load() {
            return index.load();
        }

        @Override
        public long cursor() {
            return index.cursor();
        }

        @Override
        public boolean fresh() {
            return index.fresh();
        }

        @Override
        public ChunkIndex chunks() {
            return index.chunks();
        }

        @Override
        public void save(Collection<IndexRow> rows, Collection<VaultPath> removed, long cursor) {
            index.save(rows, removed, cursor);
            throw new IllegalStateException("the run died after its checkpoint");
        }

        @Override
        public void close() {
            index.close();
        }
    }

    /** Syncs {@code a}, running {@code meanwhile} once right before its first commit reaches the server. */
    private SyncReport syncWithCommitAfter(Runnable meanwhile) throws IOException {
        RemoteVault raced = new Raced(a.remote(), meanwhile);
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            return new SyncEngine(raced, a.transfers(), index, a.root, Clock.systemUTC(), new ParallelHasher(2),
                    IgnoreRules.load(a.root), 4, Progress.NONE).run(a.options(ConflictPolicy.KEEP_BOTH));
        }
    }

    private static final class Raced implements RemoteVault {
        private final RemoteVault remote;
        private Runnable meanwhile;

        Raced(RemoteVault remote, Runnable meanwhile) {
            this.remote = remote;
            this.meanwhile = meanwhile;
        }

        @Override
        public PlanResponse plan(PlanRequest request) {
            return remote.plan(request);
        }

        @Override
        public UploadUrlsResponse uploadUrls(UploadUrlsRequest request) {
            return remote.uploadUrls(request);
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

        @Override
        public ChangesResponse changes(long since, int limit) {
            return remote.changes(since, limit);
        }

        @Override
        public FilesResponse files(String after, int limit) {
            return remote.files(after, limit);
        }

        @Override
        public DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request) {
            return remote.downloadUrls(request);
        }

        @Override
        public ChunkUrlsResponse chunkUrls(ChunkUrlsRequest request) {
            return remote.chunkUrls(request);
        }

        @Override
        public HistoryResponse history(VaultPath path, int limit) {
            return remote.history(path, limit);
        }

        @Override
        public BlobCheck.Answer verifyBlob(ContentHash hash) {
            return remote.verifyBlob(hash);
        }
    }
}
