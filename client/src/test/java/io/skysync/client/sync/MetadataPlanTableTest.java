package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metadata table of {@code docs/reconcile.md}, row for row: one file's content and
 * modification time ({@code a@3 t1}: content a at version 3 with time t1) on each side, planned by
 * the pure plan. The test also reads the doc and fails if a row there and a row here differ.
 */
class MetadataPlanTableTest {
    private static final Path DOC = Path.of("..", "docs", "reconcile.md");
    private static final VaultPath PATH = VaultPath.of("notes/f.txt");
    private static final Map<String, Long> TIMES = Map.of("t0", 0L, "t1", 1_000_000L, "t1+1s", 1_001_000L,
            "t2", 5_000_000L, "t3", 9_000_000L);

    /** id, run, ancestor, local, remote, step: the doc's first six cells. */
    static final List<List<String>> ROWS = List.of(
            List.of("M01", "sync", "a@3 t1", "a t2", "a@3 t1", "Commit(3, a)"),
            List.of("M02", "sync", "a@3 t1", "a t1", "a@5 t2", "Touch(5)"),
            List.of("M03", "sync", "a@3 t1", "a t2", "a@5 t3", "Touch(5)"),
            List.of("M04", "sync", "a@3 t1", "a t1+1s", "a@3 t1", "-"),
            List.of("M05", "sync", "absent", "a t2", "a@5 t1", "Touch(5)"),
            List.of("M06", "sync", "a@3 t1", "a t2", "a@5 t0", "Adopt(5)"),
            List.of("M07", "sync", "a@3 t1", "c t2", "a@3 t1", "Commit(3, c)"),
            List.of("M08", "pull", "a@3 t1", "a t2", "a@3 t1", "Hold(OTHER_DIRECTION)"),
            List.of("M09", "read-only", "a@3 t1", "a t2", "a@3 t1", "Hold(READ_ONLY)"),
            List.of("M10", "push", "a@3 t1", "a t1", "a@5 t2", "Hold(OTHER_DIRECTION)"),
            List.of("M11", "push-all", "a@3 t1", "a t1", "a@5 t2", "Commit(5, a)"));

    static Stream<List<String>> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void plan_oneFilesTimes_giveTheStepOfTheirRow(List<String> row) {
        String[] local = row.get(3).split(" ");
        LocalFile file = PlanFixtures.local(PATH, local[0], TIMES.get(local[1]));
        Map<VaultPath, IndexRow> index = row.get(2).equals("absent") ? Map.of()
                : Map.of(PATH, IndexRow.empty(PATH).syncedTo(remote(row.get(2)))
                .withLocal(file.localName(), file.stat()));
        RemoteView view = new RemoteView(Map.of(PATH, remote(row.get(4))), true, 9, Map.of(), Map.of(), List.of(),
                List.of(), 1);
        PlanInput input = new PlanInput(index, Map.of(PATH, file), p -> false, view,
                PlannerTableTest.options(row.get(1)), PlanFixtures.NOW);

        List<Step> steps = Planner.plan(input);

        assertThat(describe(steps.isEmpty() ? null : steps.get(0))).as(row.get(0)).isEqualTo(row.get(5));
    }

    @Test
    void docsTable_matchesTheTestRowsExactly() throws IOException {
        List<List<String>> documented = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
                .filter(line -> line.matches("\\| M\\d\\d \\|.*"))
                .map(line -> Stream.of(line.split("\\|")).skip(1).limit(6).map(String::strip).toList())
                .toList();
        assertThat(documented).containsExactlyElementsOf(ROWS);
    }

    /** "a@5 t2": content a at version 5 with time t2. */
    private static RemoteFile remote(String cell) {
        String[] parts = cell.split(" ");
        String[] content = parts[0].split("@");
        return RemoteFile.live(FileVersion.of(Long.parseLong(content[1])), PlanFixtures.hash(content[0]), 1,
                TIMES.get(parts[1]));
    }
}
