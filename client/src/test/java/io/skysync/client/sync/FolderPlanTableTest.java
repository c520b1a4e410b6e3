package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The folder table of {@code docs/reconcile.md}, row for row: a folder {@code d} and a file
 * {@code d/f} in it, each as ancestor/local/remote in the doc's notation ({@code dir} is a folder's
 * content, {@code -} a path that is nowhere), planned together by the pure plan. The test also reads
 * the doc and fails if a row there and a row here differ.
 */
class FolderPlanTableTest {
    private static final Path DOC = Path.of("..", "docs", "reconcile.md");
    private static final VaultPath D = VaultPath.of("d");
    private static final VaultPath F = VaultPath.of("d/f");

    /** id, run, d, d/f, the step of d, the step of d/f: the doc's first six cells. */
    static final List<List<String>> ROWS = List.of(
            List.of("F01", "sync", "absent/dir/absent", "-", "Commit(0, dir)", "-"),
            List.of("F02", "sync", "absent/absent/dir@5", "-", "Fetch(5, dir)", "-"),
            List.of("F03", "sync", "dir@3/dir/dir@3", "-", "-", "-"),
            List.of("F04", "sync", "absent/dir/dir@5", "-", "Adopt(5)", "-"),
            List.of("F05", "sync", "dir@3/absent/dir@3", "-", "Commit(3, deleted)", "-"),
            List.of("F06", "sync", "dir@3/dir/deleted@5", "-", "RemoveLocal(5)", "-"),
            List.of("F07", "sync", "dir@3/dir/deleted@5", "a@3/a/deleted@6", "RemoveLocal(5)", "RemoveLocal(6)"),
            List.of("F08", "sync", "dir@3/absent/dir@3", "a@3/absent/a@3", "Commit(3, deleted)", "Commit(3, deleted)"),
            List.of("F09", "sync", "dir@3/dir/deleted@5", "absent/x/absent", "Commit(5, dir)", "Commit(0, x)"),
            List.of("F10", "sync", "dir@3/dir/deleted@5", "a@3/c/deleted@6", "Commit(5, dir)", "Commit(6, c)"),
            List.of("F11", "sync", "dir@3/absent/dir@3", "absent/absent/x@5", "-", "Fetch(5, x)"),
            List.of("F12", "sync", "dir@3/dir/deleted@5", "absent/absent/x@6", "Commit(5, dir)", "Fetch(6, x)"),
            List.of("F13", "pull", "dir@3/dir/deleted@5", "absent/x/absent", "Hold(OTHER_DIRECTION)", "Hold(OTHER_DIRECTION)"),
            List.of("F14", "read-only", "absent/dir/absent", "-", "Hold(READ_ONLY)", "-"),
            List.of("F15", "sync", "absent/x/dir@5", "-", "Hold(CONFLICT)", "-"),
            List.of("F16", "sync", "absent/dir/x@5", "-", "Hold(CONFLICT)", "-"),
            List.of("F17", "sync", "a@3/a/dir@5", "-", "Hold(CONFLICT)", "-"),
            List.of("F18", "sync", "a@3/dir/a@3", "-", "Commit(3, dir)", "-"));

    static Stream<List<String>> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plan_folderAndItsFile_giveTheStepsOfTheirRow(List<String> row) {
        Map<VaultPath, IndexRow> index = new HashMap<>();
        Map<VaultPath, LocalFile> local = new HashMap<>();
        Map<VaultPath, RemoteFile> remote = new HashMap<>();
        side(D, row.get(2), index, local, remote);
        side(F, row.get(3), index, local, remote);
        RemoteView view = new RemoteView(remote, true, 9, Map.of(), Map.of(), List.of(), List.of(), 1);
        PlanInput input = new PlanInput(index, local, p -> false, view, PlannerTableTest.options(row.get(1)),
                PlanFixtures.NOW);

        Map<VaultPath, Step> steps = new HashMap<>();
        Planner.plan(input).forEach(s -> steps.put(s.path(), s));

        assertThat(List.of(describe(steps.get(D)), describe(steps.get(F)))).as(row.get(0))
                .containsExactly(row.get(4), row.get(5));
    }

    @Test
    void docsTable_matchesTheTestRowsExactly() throws IOException {
        List<List<String>> documented = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
                .filter(line -> line.matches("\\| F\\d\\d \\|.*"))
                .map(line -> Stream.of(line.split("\\|")).skip(1).limit(6).map(String::strip).toList())
                .toList();
        assertThat(documented).containsExactlyElementsOf(ROWS);
    }

    /** One path's "ancestor/local/remote" ({@code -}: the path is nowhere) into the plan's inputs. */
    private static void side(VaultPath path, String cell, Map<VaultPath, IndexRow> index, Map<VaultPath, LocalFile> local,
                             Map<VaultPath, RemoteFile> remote) {
        if (cell.equals("-")) {
            return;
        }
        List<String> parts = new ArrayList<>(List.of(cell.split("/")));
        LocalFile file = PlanFixtures.local(path, parts.get(1), PlanFixtures.REMOTE_MTIME);
        if (file != null) {
            local.put(path, file);
        }
        if (!parts.get(0).equals("absent")) {
            index.put(path, PlanFixtures.row(path, parts.get(0), file));
        }
        if (!parts.get(2).equals("absent")) {
            remote.put(path, PlanFixtures.remote(parts.get(2)));
        }
    }
}
