package io.skysync.client.sync;

import static io.skysync.client.testing.ScriptedVault.live;
import static io.skysync.client.testing.ScriptedVault.tombstone;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.testing.EngineRig;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's behaviour as a whole: which calls it makes, in which order, and what each outcome does. */
class SyncEngineTest {
    @TempDir
    Path temp;
    ScriptedVault vault;
    MemoryTransfers transfers;
    EngineRig rig;

    @BeforeEach
    void folder() throws IOException {
        vault = new ScriptedVault();
        transfers = new MemoryTransfers();
        rig = new EngineRig(Files.createDirectories(temp.resolve("root")), vault, transfers);
    }

    private static ContentHash hash(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The vault holds {@code content} for {@code path}: its download URL serves those bytes. */
    private void serves(String path, String content) {
        String url = "http://127.0.0.1:9/" + hash(content).shortHex();
        transfers.served.put(url, content.getBytes(StandardCharsets.UTF_8));
        vault.downloadUrls = r -> new DownloadUrlsResponse(r.files().stream().map(f -> new DownloadUrlsResponse.DownloadDto(
                f.path(), f.version(), hash(content).hex(), content.length(), url, null)).toList(), List.of());
    }

    private void remoteChanges(EntryDto... entries) {
        long cursor = vault.seq() + 100;
        vault.plan = r -> new PlanResponse(List.of(entries), cursor, false, List.of(), List.of());
    }

    @Test
    void sync_noChangeAnywhere_isOnePlanCallAndNothingElse() {
        rig.write("a.txt", "a");
        rig.sync();
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
        int before = vault.calls().size();

        SyncReport report = rig.sync();

        assertThat(vault.calls().subList(before, vault.calls().size())).containsExactly("plan");
        assertThat(report.nothingDone()).isTrue();
        assertThat(report.apiCalls()).isEqualTo(1);
    }

    @Test
    void sync_newFiles_askUploadUrlsForTheirBlobsThenCommit_neverAPlanWithChanges() {
        rig.write("a.txt", "a");
        rig.write("copy-of-a.txt", "a");
        UploadDto url = ScriptedVault.upload(hash("a"));
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(url));

        SyncReport report = rig.sync();

        assertThat(vault.calls()).containsExactly("plan", "upload-urls", "commit");
        assertThat(transfers.uploaded).containsOnlyKeys(hash("a"));
        assertThat(report.uploaded()).containsExactly("a.txt", "copy-of-a.txt");
        assertThat(report.blobsUploaded()).isEqualTo(1);
    }

    @Test
    void sync_commitAnsweredConflict_isPlannedAgainstTheEntryThatWon_andKeepsBoth() {
        rig.write("a.txt", "base");
        rig.sync();
        rig.write("a.txt", "mine");
        serves("a.txt", "theirs");
        AtomicInteger commits = new AtomicInteger();
        vault.commit = r -> commits.incrementAndGet() > 1 ? vault.commitAll(r) : new CommitResponse(List.of(
                new CommitResultDto("a.txt", CommitStatus.CONFLICT, null, null, live("a.txt", 2, hash("theirs"), 6, 5))));

        SyncReport report = rig.sync();

        assertThat(report.conflicts()).singleElement().satisfies(c -> assertThat(c.copy())
                .isEqualTo("a.conflict-rig-20260504-030201.txt"));
        assertThat(rig.read("a.txt")).isEqualTo("theirs");
        assertThat(rig.read("a.conflict-rig-20260504-030201.txt")).isEqualTo("mine");
        assertThat(report.uploaded()).containsExactly("a.conflict-rig-20260504-030201.txt");
        assertThat(report.downloaded()).containsExactly("a.txt");
        assertThat(commits).hasValue(2);
    }

    @Test
    void sync_conflictEveryRound_givesUpAfterTheBoundedRounds() {
        rig.write("a.txt", "mine");
        AtomicInteger version = new AtomicInteger(1);
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a.txt", CommitStatus.CONFLICT, null, null,
                tombstone("a.txt", version.incrementAndGet(), version.get()))));

        SyncReport report = rig.sync();

        assertThat(vault.count("commit")).isEqualTo(SyncEngine.ROUNDS);
        assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f.reason())
                .contains("still conflicting after " + SyncEngine.ROUNDS + " rounds"));
        assertThat(rig.read("a.txt")).isEqualTo("mine");
    }

    @Test
    void sync_missingBlob_sendsTheBlobAgainThroughUploadUrls_thenCommits() {
        rig.write("a.txt", "a");
        AtomicInteger commits = new AtomicInteger();
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(ScriptedVault.upload(hash("a"))));
        vault.commit = r -> commits.incrementAndGet() > 1 ? vault.commitAll(r)
                : new CommitResponse(List.of(new CommitResultDto("a.txt", CommitStatus.MISSING_BLOB, null, null, null)));

        SyncReport report = rig.sync();

        assertThat(vault.calls()).containsExactly("plan", "upload-urls", "commit", "upload-urls", "commit");
        assertThat(report.uploaded()).containsExactly("a.txt");
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void sync_missingBlobTwice_failsThatFileOnly() {
        rig.write("a.txt", "a");
        rig.write("b.txt", "b");
        vault.commit = r -> {
            CommitResponse all = vault.commitAll(r);
            return new CommitResponse(all.results().stream().map(c -> c.path().equals("a.txt")
                    ? new CommitResultDto("a.txt", CommitStatus.MISSING_BLOB, null, null, null) : c).toList());
        };

        SyncReport report = rig.sync();

        assertThat(report.uploaded()).containsExactly("b.txt");
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a.txt");
            assertThat(f.reason()).contains("still misses its content");
        });
    }

    @Test
    void sync_writesRefusedBecauseTheDeviceWasMadeReadOnly_holdsItsChangesButStillPulls() {
        rig.write("mine.txt", "draft");
        remoteChanges(live("theirs.txt", 1, hash("theirs"), 6, 1));
        serves("theirs.txt", "theirs");
        vault.uploadUrls = r -> {
            throw new SkysyncException(ErrorCode.FORBIDDEN, "this device is read-only in the vault");
        };

        SyncReport report = rig.sync();

        assertThat(report.writesRefused()).isTrue();
        assertThat(report.readOnlyKept()).containsExactly("mine.txt");
        assertThat(report.failures()).isEmpty();
        assertThat(report.downloaded()).containsExactly("theirs.txt");
        assertThat(vault.count("commit")).isZero();
        assertThat(vault.count("plan")).as("one run, not a second one as a pull").isEqualTo(1);
    }

    @Test
    void sync_readOnlyDevice_neverAsksToWrite() {
        rig.write("mine.txt", "draft");
        remoteChanges(live("theirs.txt", 1, hash("theirs"), 6, 1));
        serves("theirs.txt", "theirs");

        SyncReport report = rig.sync(EngineRig.options().withReadOnly(true));

        assertThat(vault.calls()).containsExactly("plan", "download-urls");
        assertThat(report.readOnlyKept()).containsExactly("mine.txt");
        assertThat(rig.read("theirs.txt")).isEqualTo("theirs");
    }

    @Test
    void sync_repairsForContentSyncedHere_sendTheBytesToTheGivenUrl() {
        rig.write("a.txt", "a");
        rig.sync();
        UploadDto repair = new UploadDto(hash("a").hex(), "http://127.0.0.1:9/repair", "PUT", Map.of(), null);
        UploadDto notHere = new UploadDto(hash("elsewhere").hex(), "http://127.0.0.1:9/other", "PUT", Map.of(), null);
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of(), List.of(repair, notHere));
        long askedBefore = vault.count("upload-urls");

        SyncReport report = rig.sync();

        assertThat(transfers.uploaded).containsOnlyKeys(hash("a"));
        assertThat(report.blobsRepaired()).isEqualTo(1);
        assertThat(vault.count("upload-urls")).as("the URLs came with the plan").isEqualTo(askedBefore);
    }

    @Test
    void sync_repairThatFails_isAWarningNotAFailure() {
        rig.write("a.txt", "a");
        rig.sync();
        UploadDto repair = new UploadDto(hash("a").hex(), "http://127.0.0.1:9/repair", "PUT", Map.of(), null);
        transfers.failing.put(repair.url(), new TransferException(TransferException.Kind.NETWORK, "unreachable"));
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of(), List.of(repair));

        SyncReport report = rig.sync();

        assertThat(report.failures()).isEmpty();
        assertThat(report.warnings()).anyMatch(w -> w.contains("the vault lost") && w.contains("unreachable"));
    }

    @Test
    void sync_dryRun_readsWithGetsOnlyAndChangesNothing() {
        rig.write("a.txt", "a");
        vault.changes = (since, limit) -> new ChangesResponse(List.of(tombstone("gone.txt", 2, 1)), 1, false);

        SyncReport report = rig.sync(EngineRig.options().withDryRun(true));

        assertThat(vault.calls()).containsExactly("changes");
        assertThat(report.planned()).extracting(s -> s.path().value()).containsExactly("a.txt", "gone.txt");
        assertThat(rig.root.resolve(".skysync/tmp")).doesNotExist();
    }

    @Test
    void sync_expiredUploadUrl_asksUploadUrlsOnceMore() {
        rig.write("a.txt", "a");
        UploadDto first = ScriptedVault.upload(hash("a"));
        UploadDto fresh = new UploadDto(hash("a").hex(), "http://127.0.0.1:9/fresh", "PUT", Map.of(), null);
        AtomicInteger asks = new AtomicInteger();
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(asks.incrementAndGet() == 1 ? first : fresh));
        transfers.failing.put(first.url(), new TransferException(TransferException.Kind.EXPIRED, "the upload URL expired"));

        SyncReport report = rig.sync();

        assertThat(asks).hasValue(2);
        assertThat(report.uploaded()).containsExactly("a.txt");
    }

    @Test
    void sync_historyIsReadOnlyForPathsWhoseLineageIsInDoubt() {
        rig.write("calm.txt", "calm");
        rig.write("both.txt", "mine");
        rig.sync();
        rig.write("both.txt", "mine, edited");
        remoteChanges(live("both.txt", 2, hash("theirs"), 6, 3), live("new.txt", 1, hash("n"), 1, 4));
        serves("both.txt", "theirs");

        rig.sync();

        assertThat(vault.calls()).filteredOn(c -> c.startsWith("history")).containsExactly("history both.txt");
    }

    @Test
    void sync_lostIndexWhileAnotherDeviceDeletedTheFile_deletesTheLocalCopy_neverRecommitsIt() throws IOException {
        rig.write("keep.txt", "keep");
        rig.write("a.txt", "mine");
        rig.sync();
        Files.delete(rig.root.resolve(".skysync/index.db"));
        Files.deleteIfExists(rig.root.resolve(".skysync/index.db-wal"));
        Files.deleteIfExists(rig.root.resolve(".skysync/index.db-shm"));
        vault.plan = r -> new PlanResponse(List.of(live("keep.txt", 1, hash("keep"), 4, 1), tombstone("a.txt", 2, 3)), 3,
                false, List.of(), List.of());
        vault.history = (path, limit) -> new HistoryResponse(path.value(),
                List.of(tombstone("a.txt", 2, 3), live("a.txt", 1, hash("mine"), 4, 2)));

        SyncReport report = rig.sync();

        assertThat(report.deletedLocal()).containsExactly("a.txt");
        assertThat(report.uploaded()).isEmpty();
        assertThat(vault.count("commit")).isEqualTo(1);
    }

    @Test
    void sync_historyThatCannotBeRead_failsThatPathOnly() {
        rig.write("a.txt", "mine");
        rig.write("b.txt", "b");
        remoteChanges(live("a.txt", 2, hash("theirs"), 6, 2));
        vault.history = (path, limit) -> {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "busy");
        };

        SyncReport report = rig.sync();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a.txt");
            assertThat(f.reason()).contains("history could not be read");
        });
        assertThat(report.uploaded()).containsExactly("b.txt");
        assertThat(rig.read("a.txt")).isEqualTo("mine");
    }
}
