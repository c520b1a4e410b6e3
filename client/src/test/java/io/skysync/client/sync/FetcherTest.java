package io.skysync.client.sync;

import static io.skysync.client.testing.ScriptedVault.live;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanResponse;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The fetch stage: the feed, then the history of exactly the paths in doubt. */
class FetcherTest {
    private static final VaultPath A = VaultPath.of("a.txt");
    private static final VaultPath B = VaultPath.of("b.txt");
    private final ScriptedVault vault = new ScriptedVault();

    /** a.txt: synced a@3, now c here and b@5 there (in doubt); b.txt: unchanged here, changed there (no doubt). */
    private RemoteView fetch() {
        return fetch(p -> false);
    }

    private RemoteView fetch(Predicate<VaultPath> excluded) {
        LocalFile a = PlanFixtures.local(A, "c", 1);
        LocalFile b = PlanFixtures.local(B, "a", 1);
        Map<VaultPath, IndexRow> rows = Map.of(A, PlanFixtures.row(A, "a@3", a), B, PlanFixtures.row(B, "a@3", b));
        vault.plan = r -> new PlanResponse(List.of(live("a.txt", 5, PlanFixtures.hash("b"), 1, 8),
                live("b.txt", 4, PlanFixtures.hash("b"), 1, 9)), 9, false, List.of(), List.of());
        return new Fetcher(vault).fetch(7, rows, Map.of(A, a, B, b), excluded, false).view();
    }

    @Test
    void fetch_repairedRows_areTheIndexRepairedAgainstTheViewItAnswers() {
        LocalFile a = PlanFixtures.local(A, "c", 1);
        // The scan before this one saw b here, and b@5 is this device's own commit whose record was lost.
        IndexRow lost = PlanFixtures.row(A, "a@3", a)
                .withLocal(a.localName(), new LocalStat(a.size(), a.mtimeNanos(), a.fileKey(), PlanFixtures.hash("b")));
        Map<VaultPath, IndexRow> rows = Map.of(A, lost);
        Map<VaultPath, LocalFile> local = Map.of(A, a);
        vault.plan = r -> new PlanResponse(List.of(live("a.txt", 5, PlanFixtures.hash("b"), 1, 8)), 9, false, List.of(), List.of());

        Fetcher.Fetched fetched = new Fetcher(vault).fetch(7, rows, local, p -> false, false);

        assertThat(fetched.repaired().get(A).ancestor()).isEqualTo(PlanFixtures.snapshot("b@5"));
        assertThat(fetched.repaired()).isEqualTo(Lineage.repair(rows, local, fetched.view()));
    }

    @Test
    void fetch_readsTheHistoryOfThePathInDoubtOnly() {
        vault.history = (path, limit) -> new HistoryResponse(path.value(), List.of(live("a.txt", 4, PlanFixtures.hash("c"), 1, 7)));

        RemoteView view = fetch();

        assertThat(vault.calls()).containsExactly("plan", "history a.txt");
        assertThat(view.history(A)).singleElement().satisfies(e -> assertThat(e.version().value()).isEqualTo(4));
        assertThat(view.apiCalls()).isEqualTo(2);
    }

    @Test
    void fetch_pathInDoubtButExcluded_readsNoHistory() {
        RemoteView view = fetch(A::equals);

        assertThat(vault.calls()).containsExactly("plan");
        assertThat(view.histories()).isEmpty();
    }

    @Test
    void fetch_historyNotFound_isAnEmptyHistory() {
        vault.history = (path, limit) -> {
            throw new SkysyncException(ErrorCode.NOT_FOUND, "never had it");
        };

        RemoteView view = fetch();

        assertThat(view.histories()).containsEntry(A, List.of());
        assertThat(view.unread()).isEmpty();
    }

    @Test
    void fetch_historyThatFails_isRecordedForThatPath_neverGuessed() {
        vault.history = (path, limit) -> {
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "the vault is busy");
        };

        RemoteView view = fetch();

        assertThat(view.unread()).containsOnlyKeys(A);
        assertThat(view.unread().get(A)).contains("the vault is busy").contains("left for the next sync");
    }

    @Test
    void fetch_historyEntriesOfAnotherPathOrInvalid_areDropped() {
        vault.history = (path, limit) -> new HistoryResponse(path.value(), List.of(
                live("other.txt", 4, PlanFixtures.hash("c"), 1, 7), live("../a.txt", 4, PlanFixtures.hash("c"), 1, 7),
                live("a.txt", 2, PlanFixtures.hash("x"), 1, 3)));

        RemoteView view = fetch();

        assertThat(view.history(A)).singleElement().satisfies(e -> assertThat(e.version().value()).isEqualTo(2));
    }

    @Test
    void fetch_nullHistory_isEmpty() {
        vault.history = (path, limit) -> new HistoryResponse(path.value(), null);

        assertThat(fetch().history(A)).isEmpty();
    }
}
