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
import io.skysync.client.testing.Device;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
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

    /** An index whose run dies at its {@code n}th write: before it writes anything of it, or right after. */
    private static final class DiesOnSave implements IndexStore {
        private final IndexStore index;
        private final boolean writes;
        private int left;

        private DiesOnSave(IndexStore index, int n, boolean writes) {
            this.index = index;
            this.left = n;
            this.writes = writes;
        }

        static DiesOnSave before(IndexStore index, int n) {
            return new DiesOnSave(index, n, false);
        }

        static DiesOnSave after(IndexStore index, int n) {
            return new DiesOnSave(index, n, true);
        }

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
            boolean dies = --left == 0;
            if (dies && !writes) {
                throw new IllegalStateException("the run died before this index write");
            }
            index.save(rows, removed, cursor);
            if (dies) {
                throw new IllegalStateException("the run died after this index write");
            }
        }

        @Override
        public void close() {
            index.close();
        }
    }

    /** A vault whose commits are applied, but whose answers never reach this device. */
    private record AnswerLost(RemoteVault remote) implements RemoteVault {
        @Override
        public CommitResponse commit(CommitRequest request) {
            remote.commit(request);
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the connection dropped before the answer");
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
