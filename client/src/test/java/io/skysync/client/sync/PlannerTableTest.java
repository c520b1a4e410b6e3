package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every decision of the plan for one path, as a table: the run (direction, policy, role) ×
 * ancestor × local × remote × what the path's history says. Pure: no folder, no server.
 * {@code sync} is a two-way run with keep-both; {@code read-only} a two-way run of a read-only
 * device; {@code push-all} is {@code push --mode all}.
 */
class PlannerTableTest {
    private static final VaultPath PATH = VaultPath.of("notes/f.txt");
    private static final String COPY = "notes/f.conflict-me-20260301-100000.txt";

    @ParameterizedTest(name = "{0}: {1} {2}/{3}/{4} history {5}")
    @CsvSource(delimiter = '|', textBlock = """
            P01 | sync        | absent    | absent | x@5       | -   | Fetch(5, x)
            P02 | sync        | absent    | x      | absent    | -   | Commit(0, x)
            P03 | sync        | a@3       | absent | a@3       | -   | Commit(3, deleted)
            P04 | sync        | a@3       | a      | b@5       | -   | Fetch(5, b)
            P05 | sync        | a@3       | a      | deleted@5 | -   | RemoveLocal(5)
            P06 | sync        | a@3       | c      | b@5       | -   | KeepBoth(COPY)
            P07 | sync        | a@3       | c      | a@3       | -   | Commit(3, c)
            P08 | sync        | a@3       | a      | a@5       | -   | Adopt(5)
            P09 | sync        | a@3       | a      | a@3       | -   | -
            P10 | sync        | a@3       | a      | absent    | -   | Commit(0, a)
            P11 | sync        | absent    | x      | x@5       | -   | Adopt(5)
            P12 | sync        | absent    | x      | y@5       | -   | KeepBoth(COPY)
            P13 | keep-local  | a@3       | c      | b@5       | -   | Commit(5, c)
            P14 | keep-remote | a@3       | c      | b@5       | -   | Fetch(5, b)
            P15 | newest      | a@3       | c      | b@5       | -   | Commit(5, c)
            P16 | sync        | a@3       | c      | deleted@5 | -   | Commit(5, c)
            P17 | sync        | a@3       | absent | b@5       | -   | Fetch(5, b)
            P18 | sync        | deleted@3 | absent | b@5       | -   | Fetch(5, b)
            P19 | sync        | deleted@3 | x      | deleted@3 | -   | Commit(3, x)
            P20 | sync        | a@3       | absent | deleted@5 | -   | Adopt(5)
            P21 | push        | absent    | x      | absent    | -   | Commit(0, x)
            P22 | push        | a@3       | absent | a@3       | -   | Commit(3, deleted)
            P23 | push        | a@3       | a      | b@5       | -   | Hold(OTHER_DIRECTION)
            P24 | push        | a@3       | a      | deleted@5 | -   | Hold(OTHER_DIRECTION)
            P25 | push        | a@3       | c      | b@5       | -   | Hold(CONFLICT)
            P26 | push        | absent    | absent | x@5       | -   | Hold(OTHER_DIRECTION)
            P27 | push-all    | a@3       | a      | b@5       | -   | Commit(5, a)
            P28 | push-all    | a@3       | a      | deleted@5 | -   | Commit(5, a)
            P29 | push-all    | a@3       | c      | b@5       | -   | Commit(5, c)
            P30 | push-all    | absent    | absent | x@5       | -   | Hold(OTHER_DIRECTION)
            P31 | pull        | absent    | x      | absent    | -   | Hold(OTHER_DIRECTION)
            P32 | pull        | a@3       | absent | a@3       | -   | Hold(OTHER_DIRECTION)
            P33 | pull        | a@3       | a      | b@5       | -   | Fetch(5, b)
            P34 | pull        | a@3       | a      | deleted@5 | -   | RemoveLocal(5)
            P35 | pull        | a@3       | c      | b@5       | -   | Hold(CONFLICT)
            P36 | pull        | a@3       | a      | a@5       | -   | Adopt(5)
            P37 | read-only   | absent    | x      | absent    | -   | Hold(READ_ONLY)
            P38 | read-only   | a@3       | absent | a@3       | -   | Hold(READ_ONLY)
            P39 | read-only   | a@3       | c      | a@3       | -   | Hold(READ_ONLY)
            P40 | read-only   | a@3       | a      | b@5       | -   | Fetch(5, b)
            P41 | read-only   | a@3       | a      | deleted@5 | -   | RemoveLocal(5)
            P42 | read-only   | a@3       | c      | b@5       | -   | Hold(CONFLICT)
            P43 | sync        | absent    | x      | deleted@5 | x@4 | RemoveLocal(5)
            P44 | sync        | absent    | x      | y@5       | x@4 | Fetch(5, y)
            P45 | sync        | absent    | x      | deleted@5 | y@4 | Commit(5, x)
            P46 | sync        | a@3       | c      | b@5       | c@4 | Fetch(5, b)
            P47 | sync        | a@3       | c      | b@5       | c@2 | Fetch(5, b)
            P48 | read-only   | absent    | x      | deleted@5 | x@4 | RemoveLocal(5)
            P49 | push        | absent    | x      | deleted@5 | x@4 | Hold(OTHER_DIRECTION)
            P50 | push-all    | absent    | x      | deleted@5 | x@4 | Commit(5, x)
            P51 | sync        | a@3       | absent | absent    | -   | Commit(0, deleted)
            P52 | pull        | a@3       | absent | absent    | -   | Hold(OTHER_DIRECTION)
            """)
    void plan_onePath_givesTheStepOfItsRow(String id, String run, String ancestor, String localCell, String remote,
                                           String history, String expected) {
        // The same time on both sides, so only content decides; the newest policy is told the local one is later.
        long mtime = run.equals("newest") ? PlanFixtures.LOCAL_MTIME : PlanFixtures.REMOTE_MTIME;
        LocalFile local = PlanFixtures.local(PATH, localCell, mtime);
        Map<VaultPath, IndexRow> rows = ancestor.equals("absent") ? Map.of() : Map.of(PATH, PlanFixtures.row(PATH, ancestor, local));
        PlanInput input = new PlanInput(rows, local == null ? Map.of() : Map.of(PATH, local), p -> false,
                PlanFixtures.view(PATH, remote, history), options(run), PlanFixtures.NOW);

        List<Step> steps = Planner.plan(input);

        assertThat(steps).hasSizeLessThanOrEqualTo(1);
        assertThat(describe(steps.isEmpty() ? null : steps.get(0))).as(id).isEqualTo(expected.replace("COPY", COPY));
    }

    static SyncOptions options(String run) {
        SyncOptions sync = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me");
        return switch (run) {
            case "sync" -> sync;
            case "keep-local" -> SyncOptions.twoWay(ConflictPolicy.KEEP_LOCAL, "me");
            case "keep-remote" -> SyncOptions.twoWay(ConflictPolicy.KEEP_REMOTE, "me");
            case "newest" -> SyncOptions.twoWay(ConflictPolicy.NEWEST, "me");
            case "push" -> sync.withDirection(Direction.PUSH);
            case "push-all" -> sync.withDirection(Direction.PUSH).withPushAll(true);
            case "pull" -> sync.withDirection(Direction.PULL);
            case "read-only" -> sync.withReadOnly(true);
            default -> throw new IllegalArgumentException(run);
        };
    }
}
