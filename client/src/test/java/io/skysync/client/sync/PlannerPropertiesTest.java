package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The plan over random folders: deterministic, sorted, one step per path at most, safe names, and the role obeyed. */
class PlannerPropertiesTest {
    /** One path: its ancestor, local and remote cells in the table notation. */
    record PathCase(String name, String ancestor, String local, String remote) {
    }

    @Provide
    Arbitrary<List<PathCase>> folders() {
        Arbitrary<String> names = Arbitraries.of("a.txt", "b.txt", "d/c.txt", "d/a.txt", "A.txt", "x/y/z.md");
        Arbitrary<String> ancestors = Arbitraries.of("absent", "a@3", "deleted@3");
        Arbitrary<String> locals = Arbitraries.of("absent", "a", "b", "c");
        Arbitrary<String> remotes = Arbitraries.of("absent", "a@3", "a@5", "b@5", "c@5", "deleted@5");
        return Combinators.combine(names, ancestors, locals, remotes).as(PathCase::new).list().ofMaxSize(6)
                .uniqueElements(PathCase::name);
    }

    private static PlanInput input(List<PathCase> cases, SyncOptions options) {
        Map<VaultPath, IndexRow> rows = new HashMap<>();
        Map<VaultPath, LocalFile> local = new HashMap<>();
        Map<VaultPath, RemoteFile> remote = new HashMap<>();
        for (PathCase c : cases) {
            VaultPath path = VaultPath.of(c.name());
            LocalFile file = PlanFixtures.local(path, c.local(), PlanFixtures.LOCAL_MTIME);
            if (file != null) {
                local.put(path, file);
            }
            if (!c.ancestor().equals("absent")) {
                rows.put(path, PlanFixtures.row(path, c.ancestor(), file));
            }
            if (!c.remote().equals("absent")) {
                remote.put(path, PlanFixtures.remote(c.remote()));
            }
        }
        return new PlanInput(rows, local, p -> false, new RemoteView(remote, false, 9, Map.of(), Map.of(), List.of(),
                List.of(), 1), options, PlanFixtures.NOW);
    }

    private static SyncOptions sync() {
        return SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me");
    }

    @Property
    void plan_isAFunctionOfItsInput(@ForAll("folders") List<PathCase> cases) {
        assertThat(Planner.plan(input(cases, sync()))).isEqualTo(Planner.plan(input(cases, sync())));
    }

    @Property
    void plan_isSortedByPath_withAtMostOneStepPerPath(@ForAll("folders") List<PathCase> cases) {
        List<VaultPath> paths = Planner.plan(input(cases, sync())).stream().map(Step::path).toList();

        List<VaultPath> sorted = new ArrayList<>(paths);
        sorted.sort(null);
        assertThat(paths).isEqualTo(sorted).doesNotHaveDuplicates();
    }

    @Property
    void plan_conflictCopies_neverTakeANameInUse_norEachOthers(@ForAll("folders") List<PathCase> cases) {
        PlanInput in = input(cases, sync());
        Set<VaultPath> used = new HashSet<>(in.local().keySet());
        used.addAll(in.rows().keySet());
        used.addAll(in.view().entries().keySet());

        for (Step step : Planner.plan(in)) {
            if (step instanceof Step.KeepBoth both) {
                assertThat(used.add(both.copy())).as("copy %s", both.copy()).isTrue();
            }
        }
    }

    @Property
    void plan_readOnlyDevice_neverCommits(@ForAll("folders") List<PathCase> cases) {
        assertThat(Planner.plan(input(cases, sync().withReadOnly(true))))
                .noneMatch(s -> s instanceof Step.Commit || s instanceof Step.KeepBoth);
    }

    @Property
    void plan_pull_neverCommits_push_neverTouchesTheFolder(@ForAll("folders") List<PathCase> cases) {
        assertThat(Planner.plan(input(cases, sync().withDirection(Direction.PULL))))
                .noneMatch(s -> s instanceof Step.Commit || s instanceof Step.KeepBoth);
        assertThat(Planner.plan(input(cases, sync().withDirection(Direction.PUSH))))
                .noneMatch(s -> s instanceof Step.Fetch || s instanceof Step.RemoveLocal || s instanceof Step.KeepBoth);
    }

    @Property
    void plan_ofEveryPath_equalsThePlanOfThemAll(@ForAll("folders") List<PathCase> cases) {
        PlanInput in = input(cases, sync());
        Set<VaultPath> all = new HashSet<>(in.local().keySet());
        all.addAll(in.rows().keySet());
        all.addAll(in.view().entries().keySet());

        assertThat(Planner.plan(in, all)).isEqualTo(Planner.plan(in));
    }

    @Property
    void plan_removesOnlyFilesUnchangedSinceTheAncestor(@ForAll("folders") List<PathCase> cases) {
        PlanInput in = input(cases, sync());

        for (Step step : Planner.plan(in)) {
            if (step instanceof Step.RemoveLocal removal) {
                IndexRow row = in.rows().get(removal.path());
                assertThat(row).isNotNull();
                assertThat(removal.expectedLocal().hash()).isEqualTo(row.ancestor().content());
            }
        }
    }
}
