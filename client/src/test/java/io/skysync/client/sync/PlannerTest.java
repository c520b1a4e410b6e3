package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.describe;
import static io.skysync.client.sync.PlanFixtures.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan over many paths: order, names, clashes, and what it refuses to decide. */
class PlannerTest {
    private final Map<VaultPath, IndexRow> rows = new HashMap<>();
    private final Map<VaultPath, LocalFile> local = new HashMap<>();
    private final Map<VaultPath, RemoteFile> remote = new HashMap<>();
    private SyncOptions options = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "my laptop");

    private void path(String path, String ancestor, String localCell, String remoteCell) {
        VaultPath p = VaultPath.of(path);
        LocalFile file = PlanFixtures.local(p, localCell, PlanFixtures.REMOTE_MTIME);
        if (file != null) {
            local.put(p, file);
        }
        if (!ancestor.equals("absent")) {
            rows.put(p, PlanFixtures.row(p, ancestor, file));
        }
        if (!remoteCell.equals("absent")) {
            remote.put(p, remote(remoteCell));
        }
    }

    private PlanInput input() {
        return input(Map.of());
    }

    private PlanInput input(Map<VaultPath, String> unread) {
        return new PlanInput(rows, local, p -> p.value().startsWith("ignored/"),
                new RemoteView(remote, false, 9, Map.of(), unread, List.of(), List.of(), 1), options, PlanFixtures.NOW);
    }

    private List<String> plan() {
        return Planner.plan(input()).stream().map(s -> s.path() + " " + describe(s)).toList();
    }

    @Test
    void plan_manyPaths_sortedByPathWithNothingForUnchangedOnes() {
        path("z.txt", "absent", "x", "absent");
        path("a/b.txt", "a@3", "a", "b@5");
        path("m.txt", "a@3", "a", "a@3");
        path("a.txt", "absent", "absent", "x@2");

        assertThat(plan()).containsExactly("a.txt Fetch(2, x)", "a/b.txt Fetch(5, b)", "z.txt Commit(0, x)");
    }

    /** A download placed whose record was lost (the local file holds b@6, last seen), then the remote moved to c@7. */
    private PlanInput lostDownloadThenRemoteMoved() {
        VaultPath p = VaultPath.of("a.txt");
        LocalFile file = PlanFixtures.local(p, "b", PlanFixtures.REMOTE_MTIME);
        local.put(p, file);
        rows.put(p, PlanFixtures.row(p, "a@3", file).withRemote(remote("b@6")));
        remote.put(p, remote("c@7"));
        return input();
    }

    /** {@code indexed} as the engine's first plan gets it: the rows its Fetcher repaired. */
    private static PlanInput repairedOnce(PlanInput indexed) {
        return PlanInput.repaired(Lineage.repair(indexed.rows(), indexed.local(), indexed.view()), indexed.rows(),
                indexed.local(), indexed.excluded(), indexed.view(), indexed.options(), indexed.now());
    }

    @Test
    void plan_onRowsTheFetcherRepaired_isThePlanOfTheRowsAsIndexed() {
        PlanInput indexed = lostDownloadThenRemoteMoved();
        PlanInput repaired = repairedOnce(indexed);

        List<Step> steps = Planner.plan(indexed);

        assertThat(repaired.rows().get(VaultPath.of("a.txt")).ancestor()).isEqualTo(PlanFixtures.snapshot("b@6"));
        assertThat(steps).singleElement().isInstanceOf(Step.Fetch.class);
        assertThat(Planner.plan(repaired)).isEqualTo(steps);
    }

    @Test
    void plan_laterRoundOfARun_repairsItsRowsAgain() {
        // A conflict round hands the planner the run's rows unrepaired, against the newer view.
        PlanInput indexed = lostDownloadThenRemoteMoved();

        PlanInput later = repairedOnce(indexed).after(indexed.rows(), indexed.local(), indexed.view());

        assertThat(later.repaired()).isFalse();
        assertThat(Planner.plan(later)).isEqualTo(Planner.plan(indexed)).singleElement().isInstanceOf(Step.Fetch.class);
    }

    @Test
    void plan_isImmutable() {
        path("a.txt", "absent", "x", "absent");

        List<Step> steps = Planner.plan(input());

        assertThatThrownBy(() -> steps.add(new Step.Fail(VaultPath.of("b"), "no"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void plan_excludedPaths_areLeftAloneOnBothSides() {
        path("ignored/a.txt", "a@3", "c", "b@5");
        path("ignored/gone.txt", "a@3", "absent", "a@3");

        assertThat(plan()).isEmpty();
    }

    @Test
    void plan_keepBoth_namesTheCopyAfterTheDeviceAndTheMomentBesideTheLocalName() {
        path("notes/todo.md", "a@3", "c", "b@5");

        Step step = Planner.plan(input()).get(0);

        assertThat(step).isInstanceOfSatisfying(Step.KeepBoth.class, k -> {
            assertThat(k.copy().value()).isEqualTo("notes/todo.conflict-my_laptop-20260301-100000.md");
            assertThat(k.copyLocalName()).isEqualTo("notes/todo.conflict-my_laptop-20260301-100000.md");
        });
    }

    @Test
    void plan_keepBoth_whoseCopyNameIsTaken_failsThatPathOnly() {
        path("n.txt", "a@3", "c", "b@5");
        path("n.conflict-my_laptop-20260301-100000.txt", "absent", "x", "absent");
        path("other.txt", "absent", "y", "absent");

        assertThat(plan()).containsExactly(
                "n.conflict-my_laptop-20260301-100000.txt Commit(0, x)",
                "n.txt Fail(its conflict copy name n.conflict-my_laptop-20260301-100000.txt is taken; sync again in a second)",
                "other.txt Commit(0, y)");
    }

    @Test
    void plan_twoConflictsThatWouldNameTheSameCopy_getOneEachOrAFailure_neverTheSameName() {
        path("d/n.txt", "a@3", "c", "b@5");
        path("d/n.conflict-my_laptop-20260301-100000.txt", "a@3", "c", "b@5");

        List<Step> steps = Planner.plan(input());

        assertThat(steps).filteredOn(s -> s instanceof Step.KeepBoth).extracting(s -> ((Step.KeepBoth) s).copy())
                .doesNotHaveDuplicates();
    }

    @Test
    void plan_conflictOnAPathTooLongForACopy_failsThatPathOnly_andTheRestSyncs() {
        String deep = "d".repeat(1000) + "/f.txt";
        path(deep, "a@3", "c", "b@5");
        path("small.txt", "absent", "x", "absent");

        List<String> plan = plan();

        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).startsWith(deep + " Fail(no conflict copy name fits");
        assertThat(plan.get(1)).isEqualTo("small.txt Commit(0, x)");
    }

    @Test
    void plan_conflictOnAPathOfAlmost1024Bytes_shortensTheCopysName() {
        String folder = ("d".repeat(200) + "/").repeat(4);
        path(folder + "n".repeat(200) + ".txt", "a@3", "c", "b@5");

        Step step = Planner.plan(input()).get(0);

        assertThat(step).isInstanceOfSatisfying(Step.KeepBoth.class,
                k -> assertThat(k.copy().fileName()).endsWith("~.conflict-my_laptop-20260301-100000.txt"));
    }

    @Test
    void plan_pathWhoseHistoryCouldNotBeRead_failsThatPathOnly() {
        path("a.txt", "a@3", "c", "b@5");
        path("b.txt", "absent", "x", "absent");
        PlanInput input = input(Map.of(VaultPath.of("a.txt"), "its history could not be read (busy); left for the next sync"));

        assertThat(Planner.plan(input).stream().map(PlanFixtures::describe))
                .containsExactly("Fail(its history could not be read (busy); left for the next sync)", "Commit(0, x)");
    }

    @Test
    void plan_caseFoldingDisk_newRemoteNameThatClashesByCase_isAConflictNotAnOverwrite() {
        options = options.withCaseInsensitive(true);
        path("Readme.md", "absent", "x", "absent");
        path("README.md", "absent", "absent", "y@1");

        assertThat(plan()).containsExactly("README.md Hold(CONFLICT)", "Readme.md Commit(0, x)");
    }

    @Test
    void plan_caseSensitiveDisk_namesThatDifferByCase_areTwoFiles() {
        path("Readme.md", "absent", "x", "absent");
        path("README.md", "absent", "absent", "y@1");

        assertThat(plan()).containsExactly("README.md Fetch(1, y)", "Readme.md Commit(0, x)");
    }

    @Test
    void plan_caseFoldingDisk_twoNewRemoteNamesThatClash_fetchesTheFirstOnly() {
        options = options.withCaseInsensitive(true);
        path("A.txt", "absent", "absent", "x@1");
        path("a.txt", "absent", "absent", "y@1");

        assertThat(plan()).containsExactly("A.txt Fetch(1, x)", "a.txt Hold(CONFLICT)");
    }

    @Test
    void plan_nfdNameOnDisk_isKeptForTheDownload() {
        VaultPath nfc = VaultPath.of("caf\u00e9.txt");
        LocalFile nfd = new LocalFile(nfc, "cafe\u0301.txt", 1, 1, "k", PlanFixtures.hash("a"));
        local.put(nfc, nfd);
        rows.put(nfc, PlanFixtures.row(nfc, "a@3", nfd));
        remote.put(nfc, remote("b@5"));

        Step step = Planner.plan(input()).get(0);

        assertThat(step).isInstanceOfSatisfying(Step.Fetch.class, f -> assertThat(f.localName()).isEqualTo("cafe\u0301.txt"));
    }

    @Test
    void plan_onlySomePaths_reservesEveryOtherName() {
        path("n.txt", "a@3", "c", "b@5");
        path("n.conflict-my_laptop-20260301-100000.txt", "absent", "x", "absent");

        List<Step> steps = Planner.plan(input(), Set.of(VaultPath.of("n.txt")));

        assertThat(steps).singleElement().isInstanceOf(Step.Fail.class);
    }
}
