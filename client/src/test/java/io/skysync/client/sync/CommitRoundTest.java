package io.skysync.client.sync;

import static io.skysync.client.testing.ScriptedVault.live;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryIndex;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One commit round's outcomes, each into the ledger. */
class CommitRoundTest {
    @TempDir
    Path root;
    final ScriptedVault vault = new ScriptedVault();
    final MemoryTransfers transfers = new MemoryTransfers();
    final MemoryIndex index = new MemoryIndex();
    RunLedger ledger;
    CommitRound round;

    @BeforeEach
    void round() throws IOException {
        PlanInput input = new PlanInput(Map.of(), Map.of(), p -> false,
                new RemoteView(Map.of(), false, 0, Map.of(), Map.of(), List.of(), List.of(), 0),
                SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"), PlanFixtures.NOW);
        ledger = new RunLedger(input, index, Progress.NONE, 0);
        SafeRoot safe = new SafeRoot(root);
        StagingArea staging = new StagingArea(safe);
        staging.prepare();
        round = new CommitRound(vault, new BlobUploads(vault, transfers, new TransferPool(1),
                new LocalPlacer(safe, staging), Progress.NONE), ledger);
    }

    private Step.Commit commitOf(String path, String content) throws IOException {
        Files.writeString(root.resolve(path), content);
        LocalFile file = new LocalFile(VaultPath.of(path), path, content.length(), 1, "k", PlanFixtures.hash(content));
        return new Step.Commit(file.path(), FileVersion.NONE, file, RemoteFile.ABSENT);
    }

    private static Step.Commit deletionOf(String path, long base) {
        return new Step.Commit(VaultPath.of(path), FileVersion.of(base), null, RemoteFile.ABSENT);
    }

    @Test
    void run_committed_recordsTheVersionAsSyncedAndReportsIt() throws IOException {
        Map<VaultPath, RemoteFile> conflicts = round.run(List.of(commitOf("a", "a"), deletionOf("gone", 4)));

        assertThat(conflicts).isEmpty();
        assertThat(ledger.report.uploaded()).containsExactly("a");
        assertThat(ledger.report.deletedRemote()).containsExactly("gone");
        assertThat(ledger.book.row(VaultPath.of("a")).ancestor().version()).isEqualTo(FileVersion.of(1));
        assertThat(ledger.book.row(VaultPath.of("gone")).ancestor().exists()).isFalse();
        assertThat(ledger.book.row(VaultPath.of("gone")).ancestor().version()).isEqualTo(FileVersion.of(5));
    }

    @Test
    void run_moreThanOneCallOfCommits_sendsTheNextBatchsBlobsWhileTheLastBatchCommits() throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch secondBatchAsked = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger urlCalls = new AtomicInteger();
        vault.uploadUrls = r -> {
            if (urlCalls.incrementAndGet() == 2) {
                events.add(await(firstCommitStarted) ? "second batch's blobs while the first commits" : "second batch's blobs first");
                secondBatchAsked.countDown();
            }
            return new UploadUrlsResponse(r.blobs().stream().map(b -> ScriptedVault.upload(new ContentHash(b.hash()))).toList());
        };
        vault.commit = r -> {
            events.add("commit of " + r.entries().size());
            firstCommitStarted.countDown();
            await(secondBatchAsked);
            return vault.commitAll(r);
        };
        List<Step.Commit> commits = new ArrayList<>();
        for (int i = 0; i < RemoteFeed.PAGE + 10; i++) {
            commits.add(commitOf("f" + i, "content " + i));
        }

        Map<VaultPath, RemoteFile> conflicts = overlapping(2).run(commits);

        assertThat(conflicts).isEmpty();
        assertThat(events).containsExactly("commit of " + RemoteFeed.PAGE, "second batch's blobs while the first commits", "commit of 10");
        assertThat(ledger.report.uploaded()).hasSize(RemoteFeed.PAGE + 10);
        assertThat(transfers.uploaded).hasSize(RemoteFeed.PAGE + 10);
        assertThat(vault.count("upload-urls")).isEqualTo(2);
        assertThat(vault.count("commit")).isEqualTo(2);
    }

    @Test
    void run_commitCallRefusedWhileTheNextBatchUploads_failsThatBatchOnly_andCommitsTheNext() throws IOException {
        AtomicInteger commitCalls = new AtomicInteger();
        vault.uploadUrls = r -> new UploadUrlsResponse(r.blobs().stream().map(b -> ScriptedVault.upload(new ContentHash(b.hash()))).toList());
        vault.commit = r -> {
            if (commitCalls.incrementAndGet() == 1) {
                throw new SkysyncException(ErrorCode.UNAVAILABLE, "busy");
            }
            return vault.commitAll(r);
        };
        List<Step.Commit> commits = new ArrayList<>();
        for (int i = 0; i < RemoteFeed.PAGE + 10; i++) {
            commits.add(commitOf("f" + i, "content " + i));
        }

        overlapping(2).run(commits);

        assertThat(ledger.report.failures()).hasSize(RemoteFeed.PAGE).allSatisfy(f -> assertThat(f.reason()).contains("busy"));
        assertThat(ledger.report.uploaded()).hasSize(10);
    }

    @Test
    void run_revokedWhileTheLastBatchCommits_endsTheRunLoudly_withNoCommitCallLeftRunning() throws IOException {
        AtomicInteger urlCalls = new AtomicInteger();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        vault.uploadUrls = r -> {
            if (urlCalls.incrementAndGet() == 2) {
                throw new SkysyncException(ErrorCode.UNAUTHORIZED, "revoked");
            }
            return new UploadUrlsResponse(r.blobs().stream().map(b -> ScriptedVault.upload(new ContentHash(b.hash()))).toList());
        };
        vault.commit = r -> {
            sleep(300);
            events.add("first commit answered");
            return vault.commitAll(r);
        };
        List<Step.Commit> commits = new ArrayList<>();
        for (int i = 0; i < RemoteFeed.PAGE + 10; i++) {
            commits.add(commitOf("f" + i, "content " + i));
        }

        assertThatThrownBy(() -> overlapping(2).run(commits)).isInstanceOf(SkysyncException.class).hasMessageContaining("revoked");
        assertThat(events).as("the run ended after its commit call did").containsExactly("first commit answered");
    }

    private CommitRound overlapping(int transfers) {
        SafeRoot safe = new SafeRoot(root);
        StagingArea staging = new StagingArea(safe);
        return new CommitRound(vault, new BlobUploads(vault, this.transfers, new TransferPool(transfers),
                new LocalPlacer(safe, staging), Progress.NONE), ledger, transfers);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void run_conflict_handsBackTheEntryThatWon_andRemembersIt() throws IOException {
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a", CommitStatus.CONFLICT, null, null,
                live("a", 7, PlanFixtures.hash("theirs"), 6, 7))));

        Map<VaultPath, RemoteFile> conflicts = round.run(List.of(commitOf("a", "mine")));

        assertThat(conflicts).containsOnlyKeys(VaultPath.of("a"));
        assertThat(conflicts.get(VaultPath.of("a")).version()).isEqualTo(FileVersion.of(7));
        assertThat(ledger.book.row(VaultPath.of("a")).remote().version()).isEqualTo(FileVersion.of(7));
        assertThat(ledger.report.uploaded()).isEmpty();
    }

    @Test
    void run_conflictWithNoRemoteEntry_isAConflictAgainstNothing() throws IOException {
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a", CommitStatus.CONFLICT, null, null, null)));

        assertThat(round.run(List.of(commitOf("a", "mine")))).containsEntry(VaultPath.of("a"), RemoteFile.ABSENT);
    }

    @Test
    void run_onlyBlobsTheVaultLacks_areSent_onceEach() throws IOException {
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(ScriptedVault.upload(PlanFixtures.hash("shared"))));

        round.run(List.of(commitOf("a", "shared"), commitOf("b", "shared"), commitOf("c", "present")));

        assertThat(transfers.uploaded).containsOnlyKeys(PlanFixtures.hash("shared"));
        assertThat(ledger.report.blobsUploaded()).isEqualTo(1);
        assertThat(ledger.report.uploaded()).containsExactly("a", "b", "c");
    }

    @Test
    void run_uploadThatFails_failsItsCommits_andCommitsTheOthers() throws IOException {
        var url = ScriptedVault.upload(PlanFixtures.hash("broken"));
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(url));
        transfers.failing.put(url.url(), new TransferException(TransferException.Kind.NETWORK, "reset"));

        round.run(List.of(commitOf("a", "broken"), commitOf("b", "fine")));

        assertThat(ledger.report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a");
            assertThat(f.reason()).isEqualTo("upload failed: reset");
        });
        assertThat(ledger.report.uploaded()).containsExactly("b");
    }

    /**
     * The blob stays missing after its upload (another device planted bytes of another size under
     * its name, which a create-only upload cannot replace): the uploader asks the server to check
     * what it holds, so the wrong bytes go and the next sync can heal (docs/security.md).
     */
    @Test
    void run_blobStillMissingAfterTheUpload_asksTheServerToCheckIt_andSaysWhat() throws IOException {
        vault.uploadUrls = r -> new UploadUrlsResponse(List.of(ScriptedVault.upload(PlanFixtures.hash("mine"))));
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a", CommitStatus.MISSING_BLOB, null, null, null)));
        List<String> checked = new ArrayList<>();
        vault.verify = h -> {
            checked.add(h.hex());
            return new BlobCheck.Answer(h.hex(), "removed");
        };

        round.run(List.of(commitOf("a", "mine")));

        assertThat(checked).containsExactly(PlanFixtures.hash("mine").hex());
        assertThat(ledger.report.failures()).singleElement().satisfies(f ->
                assertThat(f.reason()).contains("still misses its content").contains("removed"));
    }

    @Test
    void run_commitCallFails_failsThatBatchWithTheServersWords() throws IOException {
        vault.commit = r -> {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the vault is busy");
        };

        round.run(List.of(commitOf("a", "a")));

        assertThat(ledger.report.failures()).extracting(SyncReport.Failure::reason).containsExactly("the vault is busy");
    }

    @Test
    void run_forbiddenCommit_isAWriteRefusal_notAFailure() throws IOException {
        vault.commit = r -> {
            throw new SkysyncException(ErrorCode.FORBIDDEN, "read-only");
        };

        round.run(List.of(commitOf("a", "a"), deletionOf("b", 1)));

        assertThat(ledger.report.failures()).isEmpty();
        assertThat(ledger.report.writesRefused()).isTrue();
        assertThat(ledger.report.readOnlyKept()).containsExactly("a", "b");
    }

    @Test
    void run_moreThanAThousandCommits_goInBatchesOfAThousand() throws IOException {
        List<Step.Commit> commits = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            commits.add(deletionOf("f" + i, 1));
        }

        round.run(commits);

        assertThat(vault.count("commit")).isEqualTo(3);
        assertThat(ledger.report.deletedRemote()).hasSize(2500);
    }

    @Test
    void finish_movesTheCursorPastThisRunsOwnCommits() throws IOException {
        round.run(List.of(commitOf("a", "a"), commitOf("b", "b")));

        ledger.finish(0);

        assertThat(index.cursor()).isEqualTo(2);
    }

    @Test
    void finish_stopsAtAGapInTheSeqs() throws IOException {
        round.run(List.of(commitOf("a", "a")));
        vault.commitAll(new CommitRequest(List.of(new CommitEntryDto("other", 0L, null, null, null, true))));
        round.run(List.of(commitOf("b", "b")));

        ledger.finish(0);

        assertThat(index.cursor()).as("seq 2 is someone else's commit, not seen yet").isEqualTo(1);
    }
}
