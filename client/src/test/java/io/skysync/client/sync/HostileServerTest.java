package io.skysync.client.sync;

import static io.skysync.client.testing.ScriptedVault.live;
import static io.skysync.client.testing.ScriptedVault.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanResponse;
import io.skysync.client.remote.BadAnswerException;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.testing.EngineRig;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine against a server that lies: a listing that forgets synced files, tombstones for
 * everything, paths outside the root, answers for other paths, bytes that are not their hash. Each
 * case must leave the folder as it was (or change only what an honest server could ask for), and
 * say what happened.
 */
class HostileServerTest {
    private static final byte[] EVIL = "pwned".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash EVIL_HASH = ContentHash.ofBytes(EVIL);

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

    /** Ten files synced to the scripted vault (versions 1, seqs 1 to 10, the cursor at 10). */
    private List<String> tenSyncedFiles() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            names.add("f" + i + ".txt");
            rig.write("f" + i + ".txt", "content " + i);
        }
        assertThat(rig.sync().uploaded()).hasSize(10);
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
        return names;
    }

    /** A restored or hostile server: every cursor below {@code floor} has expired (the one of the listing has not). */
    private void expireCursorsBelow(long floor) {
        vault.plan = r -> {
            if (r.cursor() < floor) {
                throw new SkysyncException(ErrorCode.CURSOR_EXPIRED, "cursor " + r.cursor() + " expired");
            }
            return new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
        };
    }

    @Test
    void sync_cursorExpiredThenAnEmptyListing_deletesNothingHereAndSendsTheFilesAgain() {
        List<String> names = tenSyncedFiles();
        expireCursorsBelow(99);
        vault.files = (after, limit) -> new FilesResponse(List.of(), 99, null);
        vault.changes = (since, limit) -> new ChangesResponse(List.of(), 99, false);

        SyncReport report = rig.sync();

        assertThat(report.deletedLocal()).isEmpty();
        assertThat(rig.tree()).hasSize(10);
        assertThat(report.uploaded()).as("a synced file the listing forgot is committed again").containsExactlyElementsOf(names);
    }

    @Test
    void sync_listingThatLeavesOutHalfTheSyncedFiles_deletesNothingHere() {
        List<String> names = tenSyncedFiles();
        List<EntryDto> half = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            half.add(live(names.get(i), 1, hash("content " + i), ("content " + i).length(), i + 1));
        }
        expireCursorsBelow(11);
        vault.files = (after, limit) -> new FilesResponse(half, 11, null);
        vault.changes = (since, limit) -> new ChangesResponse(List.of(), 10, false);

        SyncReport report = rig.sync();

        assertThat(report.deletedLocal()).isEmpty();
        assertThat(rig.tree()).hasSize(10);
        assertThat(report.uploaded()).containsExactlyElementsOf(names.subList(5, 10));
    }

    @Test
    void sync_tombstonesForEveryFile_stopsBeforeDeletingAnythingHere() {
        List<String> names = tenSyncedFiles();
        List<EntryDto> gone = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            gone.add(tombstone(names.get(i), 2, 11 + i));
        }
        vault.plan = r -> new PlanResponse(gone, 20, false, List.of(), List.of());

        assertThatThrownBy(rig::sync).isInstanceOf(SafetyStop.class).hasMessageContaining("(0 remotely, 10 here)");
        assertThat(rig.tree()).hasSize(10);
    }

    /**
     * The guard weighs deletions here against the files this device holds or synced, never against
     * files the server only claims: a server that adds 11 new entries of its own beside tombstones
     * for all 10 synced files must not dilute 10 of 10 to 10 of 21.
     */
    @Test
    void sync_tombstonesForEveryFileDilutedByNewRemoteEntries_stillStopsBeforeDeletingAnythingHere() {
        List<String> names = tenSyncedFiles();
        List<EntryDto> answer = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            answer.add(tombstone(names.get(i), 2, 11 + i));
        }
        for (int i = 0; i < 11; i++) {
            answer.add(evil("padding/p" + i + ".txt"));
        }
        vault.plan = r -> new PlanResponse(answer, 40, false, List.of(), List.of());
        vault.downloadUrls = urlsFor(EVIL_HASH, "pwned");

        assertThatThrownBy(rig::sync).isInstanceOf(SafetyStop.class).hasMessageContaining("(0 remotely, 10 here)");
        assertThat(rig.tree()).containsOnlyKeys(names);
    }

    @Test
    void sync_tombstoneForAFolderThatHoldsSyncedFiles_deletesNoFileInIt_andWritesTheFolderAgain() {
        rig.write("docs/a.txt", "a");
        rig.write("docs/b.txt", "b");
        rig.write("top.txt", "t");
        assertThat(rig.sync().uploaded()).contains("docs", "docs/a.txt");
        vault.plan = r -> new PlanResponse(List.of(tombstone("docs", 2, 90)), 90, false, List.of(), List.of());

        SyncReport report = rig.sync();

        assertThat(rig.tree()).containsKeys("docs/a.txt", "docs/b.txt", "top.txt");
        assertThat(report.deletedLocal()).isEmpty();
        assertThat(report.uploaded()).as("the folder is written again over the tombstone").containsExactly("docs");
    }

    @Test
    void sync_folderEntriesWithEscapingPaths_makeNothingOutsideTheRoot() throws IOException {
        EntryDto escaping = new EntryDto("../outside-dir", 1, null, 0, 0, false, "evil", 1, "2026-03-01T10:00:00Z", null, true,
                null);
        EntryDto absolute = new EntryDto("/evil-dir", 1, null, 0, 0, false, "evil", 2, "2026-03-01T10:00:00Z", null, true,
                null);
        vault.plan = r -> new PlanResponse(List.of(escaping, absolute), 2, false, List.of(), List.of());

        SyncReport report = rig.sync();

        assertThat(temp.resolve("outside-dir")).doesNotExist();
        assertThat(report.failures()).isNotEmpty();
    }

    @Test
    void sync_listingThatGoesBackwards_isABadAnswerAndChangesNothing() {
        tenSyncedFiles();
        expireCursorsBelow(99);
        vault.files = (after, limit) -> new FilesResponse(List.of(), 10, "a");

        assertThatThrownBy(rig::sync).isInstanceOf(BadAnswerException.class).hasMessageContaining("went back");
        assertThat(rig.tree()).hasSize(10);
    }

    @Test
    void sync_serverSendsEscapingPaths_writesNothingOutsideTheRoot() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(rig.root.resolve("link"), outside);
        List<EntryDto> hostile = List.of(evil("../../outside/x"), evil("/etc/x"), evil("link/x"), evil("a/../../x"),
                evil("..\\x"), evil("ok/fine.txt"));
        vault.plan = r -> new PlanResponse(hostile, 99, false, List.of(), List.of());
        vault.downloadUrls = r -> new DownloadUrlsResponse(r.files().stream().map(f -> new DownloadUrlsResponse.DownloadDto(
                f.path(), 1, EVIL_HASH.hex(), EVIL.length, "http://127.0.0.1:9/evil", "2099-01-01T00:00:00Z")).toList(), List.of());
        transfers.served.put("http://127.0.0.1:9/evil", EVIL);

        SyncReport report = rig.sync();

        try (Stream<Path> outsideFiles = Files.list(outside)) {
            assertThat(outsideFiles).isEmpty();
        }
        assertThat(temp.resolve("x")).doesNotExist();
        assertThat(report.failures()).extracting(SyncReport.Failure::reason)
                .anyMatch(r -> r.contains("../../outside/x"))
                .anyMatch(r -> r.contains("/etc/x"))
                .anyMatch(r -> r.contains("link/x") && r.contains("symlink"));
        assertThat(rig.read("ok/fine.txt")).isEqualTo("pwned");
    }

    @Test
    void sync_historyThatNamesAnotherPath_isNotBelieved() {
        rig.write("a.txt", "mine");
        ContentHash theirs = hash("theirs");
        vault.plan = r -> new PlanResponse(List.of(live("a.txt", 2, theirs, 6, 2)), 2, false, List.of(), List.of());
        vault.history = (path, limit) -> new HistoryResponse(path.value(),
                List.of(live("other.txt", 1, hash("mine"), 4, 1)));
        vault.downloadUrls = urlsFor(theirs, "theirs");

        SyncReport report = rig.sync();

        assertThat(report.conflicts()).singleElement().satisfies(c -> assertThat(c.copy()).contains(".conflict-rig-"));
        assertThat(rig.read("a.txt")).isEqualTo("theirs");
    }

    @Test
    void sync_commitAnswerForAnotherPath_failsThatFileOnly() {
        rig.write("a.txt", "a");
        rig.write("b.txt", "b");
        vault.commit = r -> new CommitResponse(List.of(
                new CommitResultDto("not-a.txt", CommitStatus.COMMITTED, 1L, 1L, null),
                new CommitResultDto("b.txt", CommitStatus.COMMITTED, 1L, 2L, null)));

        SyncReport report = rig.sync();

        assertThat(report.failures()).extracting(SyncReport.Failure::path).containsExactly("a.txt");
        assertThat(report.uploaded()).containsExactly("b.txt");
    }

    @Test
    void sync_commitAnswerWithTooFewResults_failsTheRestAndCommitsNothingFalse() {
        rig.write("a.txt", "a");
        rig.write("b.txt", "b");
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a.txt", CommitStatus.COMMITTED, 1L, 1L, null)));

        SyncReport report = rig.sync();
        vault.commit = vault::commitAll;

        assertThat(report.uploaded()).containsExactly("a.txt");
        assertThat(report.failures()).extracting(SyncReport.Failure::path).containsExactly("b.txt");
        assertThat(rig.sync().uploaded()).as("b.txt is tried again").containsExactly("b.txt");
    }

    @Test
    void sync_conflictAnswerWithAnInvalidEntry_failsThatFileOnly() {
        rig.write("a.txt", "a");
        vault.commit = r -> new CommitResponse(List.of(new CommitResultDto("a.txt", CommitStatus.CONFLICT, null, null,
                live("../escape", 3, hash("x"), 1, 3))));

        SyncReport report = rig.sync();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a.txt");
            assertThat(f.reason()).contains("invalid entry");
        });
        assertThat(rig.read("a.txt")).isEqualTo("a");
    }

    @Test
    void sync_storedBytesThatAreNotTheirHash_askTheServerToCheck_andAreNeverPlaced() {
        ContentHash claimed = hash("the real content");
        vault.plan = r -> new PlanResponse(List.of(live("a.txt", 1, claimed, 16, 1)), 1, false, List.of(), List.of());
        vault.downloadUrls = r -> new DownloadUrlsResponse(List.of(new DownloadUrlsResponse.DownloadDto("a.txt", 1,
                claimed.hex(), 16, "http://127.0.0.1:9/a", "2099-01-01T00:00:00Z")), List.of());
        transfers.served.put("http://127.0.0.1:9/a", "planted garbage!".getBytes(StandardCharsets.UTF_8));
        List<ContentHash> checked = new ArrayList<>();
        vault.verify = h -> {
            checked.add(h);
            return new BlobCheck.Answer(h.hex(), "removed");
        };

        SyncReport report = rig.sync();

        assertThat(rig.exists("a.txt")).isFalse();
        assertThat(checked).containsExactly(claimed);
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a.txt");
            assertThat(f.reason()).contains("SHA-256").contains("removed");
        });
        assertThat(temp.resolve("root/.skysync/tmp")).isEmptyDirectory();
    }

    @Test
    void sync_commitAnsweredWithGarbage_failsTheseFilesSayingWhat_andDownloadsGoOn() {
        rig.write("a.txt", "a");
        vault.plan = r -> new PlanResponse(List.of(live("theirs.txt", 1, hash("t"), 1, 1)), 1, false, List.of(), List.of());
        vault.downloadUrls = urlsFor(hash("t"), "t");
        vault.commit = r -> {
            throw new BadAnswerException("the server's answer to POST commit is not the API's CommitResponse");
        };

        SyncReport report = rig.sync();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("a.txt");
            assertThat(f.reason()).contains("not the API's CommitResponse");
        });
        assertThat(rig.read("theirs.txt")).isEqualTo("t");
    }

    @Test
    void sync_downloadUrlsForOtherPaths_areNotUsed() {
        vault.plan = r -> new PlanResponse(List.of(live("a.txt", 1, hash("a"), 1, 1)), 1, false, List.of(), List.of());
        transfers.served.put("http://127.0.0.1:9/other", "a".getBytes(StandardCharsets.UTF_8));
        vault.downloadUrls = r -> new DownloadUrlsResponse(List.of(new DownloadUrlsResponse.DownloadDto("other.txt", 1,
                hash("a").hex(), 1, "http://127.0.0.1:9/other", null),
                new DownloadUrlsResponse.DownloadDto("../a.txt", 1, hash("a").hex(), 1, "http://127.0.0.1:9/other", null)),
                List.of());

        SyncReport report = rig.sync();

        assertThat(rig.exists("a.txt")).isFalse();
        assertThat(rig.exists("other.txt")).isFalse();
        assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("a.txt"));
    }

    @Test
    void sync_revokedInTheMiddle_endsAtTheFirstRefusal_withNothingHalfDone() {
        rig.write("a.txt", "a");
        vault.uploadUrls = r -> {
            throw new SkysyncException(ErrorCode.UNAUTHORIZED, "revoked");
        };

        assertThatThrownBy(rig::sync).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThat(vault.count("commit")).isZero();
        assertThat(rig.read("a.txt")).isEqualTo("a");
    }

    private Function<DownloadUrlsRequest, DownloadUrlsResponse> urlsFor(ContentHash hash, String content) {
        transfers.served.put("http://127.0.0.1:9/" + hash.shortHex(), content.getBytes(StandardCharsets.UTF_8));
        return r -> new DownloadUrlsResponse(r.files().stream().map(f -> new DownloadUrlsResponse.DownloadDto(f.path(),
                f.version(), hash.hex(), content.length(), "http://127.0.0.1:9/" + hash.shortHex(), null)).toList(), List.of());
    }

    private static EntryDto evil(String path) {
        return new EntryDto(path, 1, EVIL_HASH.hex(), EVIL.length, 0, false, "evil", 1, "2026-01-01T00:00:00Z");
    }

    static ContentHash hash(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
