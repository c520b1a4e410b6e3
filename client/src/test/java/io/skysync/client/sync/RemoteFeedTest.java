package io.skysync.client.sync;

import static io.skysync.client.testing.ScriptedVault.live;
import static io.skysync.client.testing.ScriptedVault.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.ChangesResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.remote.BadAnswerException;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the change feed and the listing say, read as the planner will trust it. */
class RemoteFeedTest {
    private final ScriptedVault vault = new ScriptedVault();

    private static ContentHash hash(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private RemoteFeed.Feed fetch(long cursor) {
        return new RemoteFeed(vault).fetch(cursor, false);
    }

    @Test
    void fetch_planThenPagesOfChanges_keepsTheLatestStateOfEachPath() {
        vault.plan = r -> new PlanResponse(List.of(live("a", 1, hash("a1"), 2, 6)), 6, true, List.of(), List.of());
        List<ChangesResponse> pages = new ArrayList<>(List.of(
                new ChangesResponse(List.of(live("a", 2, hash("a2"), 2, 7), live("b", 1, hash("b"), 1, 8)), 8, true),
                new ChangesResponse(List.of(tombstone("b", 2, 9)), 9, false)));
        vault.changes = (since, limit) -> pages.remove(0);

        RemoteFeed.Feed feed = fetch(5);

        assertThat(feed.entries()).containsEntry(VaultPath.of("a"), RemoteFile.live(FileVersion.of(2), hash("a2"), 2, 1_000L))
                .containsEntry(VaultPath.of("b"), RemoteFile.tombstone(FileVersion.of(2)));
        assertThat(feed.cursor()).isEqualTo(9);
        assertThat(feed.complete()).isFalse();
        assertThat(feed.apiCalls()).isEqualTo(3);
        assertThat(vault.calls()).containsExactly("plan", "changes", "changes");
    }

    @Test
    void fetch_fromCursorZero_isTheWholeManifest() {
        RemoteFeed.Feed feed = fetch(0);

        assertThat(feed.complete()).isTrue();
    }

    @Test
    void fetch_cursorExpired_listsEverythingAndContinuesFromTheListingsSeq() {
        vault.plan = r -> {
            if (r.cursor() < 40) {
                throw new SkysyncException(ErrorCode.CURSOR_EXPIRED, "expired");
            }
            return new PlanResponse(List.of(live("late", 1, hash("l"), 1, 41)), 41, false, List.of(), List.of());
        };
        List<FilesResponse> pages = new ArrayList<>(List.of(
                new FilesResponse(List.of(live("a", 3, hash("a"), 1, 10)), 40, "a"),
                new FilesResponse(List.of(tombstone("b", 2, 20)), 40, null)));
        vault.files = (after, limit) -> pages.remove(0);

        RemoteFeed.Feed feed = fetch(5);

        assertThat(feed.complete()).isTrue();
        assertThat(feed.cursor()).isEqualTo(41);
        assertThat(feed.entries()).containsOnlyKeys(VaultPath.of("a"), VaultPath.of("b"), VaultPath.of("late"));
        assertThat(vault.calls()).containsExactly("plan", "files", "files", "plan");
    }

    @Test
    void fetch_listingThatRepeatsItsPage_isABadAnswer_neverALoop() {
        vault.plan = r -> {
            throw new SkysyncException(ErrorCode.CURSOR_EXPIRED, "expired");
        };
        vault.files = (after, limit) -> new FilesResponse(List.of(), 40, "same");

        assertThatThrownBy(() -> fetch(5)).isInstanceOf(BadAnswerException.class).hasMessageContaining("went back");
        assertThat(vault.count("files")).isEqualTo(2);
    }

    @Test
    void fetch_changesThatNeverAdvance_stopAfterOnePage() {
        vault.plan = r -> new PlanResponse(List.of(), 7, true, List.of(), List.of());
        vault.changes = (since, limit) -> new ChangesResponse(List.of(), 7, true);

        RemoteFeed.Feed feed = fetch(7);

        assertThat(vault.count("changes")).isEqualTo(1);
        assertThat(feed.cursor()).isEqualTo(7);
    }

    @Test
    void fetch_cursorNeverMovesBack() {
        vault.plan = r -> new PlanResponse(List.of(), 3, false, List.of(), List.of());

        assertThat(fetch(9).cursor()).isEqualTo(9);
    }

    @Test
    void fetch_otherErrors_endTheRunLoudly() {
        vault.plan = r -> {
            throw new SkysyncException(ErrorCode.UNAUTHORIZED, "revoked");
        };

        assertThatThrownBy(() -> fetch(5)).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void fetch_invalidEntries_areRefusedAndReported_theRestKept() {
        List<EntryDto> entries = new ArrayList<>();
        entries.add(live("../x", 1, hash("x"), 1, 1));
        entries.add(new EntryDto("bad-hash", 1, "not-a-hash", 1, 1, false, "d", 2, "2026-01-01T00:00:00Z"));
        entries.add(new EntryDto("bad-time", 1, hash("t").hex(), 1, 1, false, "d", 3, "yesterday"));
        entries.add(new EntryDto("no-device", 1, hash("t").hex(), 1, 1, false, null, 4, "2026-01-01T00:00:00Z"));
        entries.add(null);
        entries.add(live("ok", 1, hash("ok"), 2, 5));
        vault.plan = r -> new PlanResponse(entries, 5, false, List.of(), List.of());

        RemoteFeed.Feed feed = fetch(1);

        assertThat(feed.entries()).containsOnlyKeys(VaultPath.of("ok"));
        assertThat(feed.refused()).hasSize(5).anyMatch(r -> r.contains("\"../x\""));
    }

    @Test
    void fetch_nullListsInTheAnswer_areNothingChanged() {
        vault.plan = r -> new PlanResponse(null, 4, false, null, null, null);

        RemoteFeed.Feed feed = fetch(4);

        assertThat(feed.entries()).isEmpty();
        assertThat(feed.repairs()).isEmpty();
    }

    @Test
    void fetch_repairsOfThePlan_arePassedOn() {
        UploadDto repair = ScriptedVault.upload(hash("lost"));
        vault.plan = r -> new PlanResponse(List.of(), 4, false, List.of(), List.of(), List.of(repair));

        assertThat(fetch(4).repairs()).containsExactly(repair);
    }

    @Test
    void fetch_nullRepairInTheAnswer_isDropped_neverACrash() {
        UploadDto repair = ScriptedVault.upload(hash("lost"));
        List<UploadDto> repairs = new ArrayList<>();
        repairs.add(null);
        repairs.add(repair);
        vault.plan = r -> new PlanResponse(List.of(), 4, false, List.of(), List.of(), repairs);

        assertThat(fetch(4).repairs()).containsExactly(repair);
    }

    @Test
    void fetch_getOnly_neverPlans() {
        vault.changes = (since, limit) -> new ChangesResponse(List.of(live("a", 1, hash("a"), 1, 3)), 3, false);

        RemoteFeed.Feed feed = new RemoteFeed(vault).fetch(2, true);

        assertThat(vault.calls()).containsExactly("changes");
        assertThat(feed.entries()).containsOnlyKeys(VaultPath.of("a"));
    }

    @Test
    void fetch_sameSeqTwice_keepsTheLaterOneInTheFeed() {
        vault.plan = r -> new PlanResponse(List.of(live("a", 2, hash("new"), 1, 9), live("a", 1, hash("old"), 1, 8)), 9, false,
                List.of(), List.of());

        assertThat(fetch(7).entries().get(VaultPath.of("a")).hash()).isEqualTo(hash("new"));
    }

    @Test
    void feed_ofAnEmptyVault_isEmptyAndComplete() {
        assertThat(fetch(0).entries()).isEqualTo(Map.of());
    }
}
