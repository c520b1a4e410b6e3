package io.skysync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reconcile table of {@code docs/reconcile.md}, row for row, in the same notation: contents are
 * letters, {@code a@3} is content a at version 3, {@code deleted@5} a tombstone at version 5.
 */
class ReconcilerTableTest {
    private static final Path DOC = Path.of("..", "docs", "reconcile.md");

    /** id, ancestor, local, remote, history, expected action: exactly the first six cells of the doc's rows. */
    static final List<List<String>> ROWS = List.of(
            List.of("R01", "absent", "absent", "absent", "-", "Nothing"),
            List.of("R02", "absent", "absent", "x@5", "-", "Download(5, x)"),
            List.of("R03", "absent", "absent", "deleted@5", "-", "Adopt(5)"),
            List.of("R04", "absent", "x", "absent", "-", "Upload(0)"),
            List.of("R05", "absent", "x", "x@5", "-", "Adopt(5)"),
            List.of("R06", "absent", "x", "y@5", "-", "Conflict(CREATE_CREATE, 5, y)"),
            List.of("R07", "absent", "x", "deleted@5", "-", "Upload(5)"),
            List.of("R08", "a@3", "absent", "absent", "-", "DeleteRemote(0)"),
            List.of("R09", "a@3", "absent", "a@3", "-", "DeleteRemote(3)"),
            List.of("R10", "a@3", "absent", "a@5", "-", "DeleteRemote(5)"),
            List.of("R11", "a@3", "absent", "b@5", "-", "Download(5, b)"),
            List.of("R12", "a@3", "absent", "deleted@5", "-", "Adopt(5)"),
            List.of("R13", "a@3", "a", "absent", "-", "Upload(0)"),
            List.of("R14", "a@3", "a", "a@3", "-", "Nothing"),
            List.of("R15", "a@3", "a", "a@5", "-", "Adopt(5)"),
            List.of("R16", "a@3", "a", "b@5", "-", "Download(5, b)"),
            List.of("R17", "a@3", "a", "deleted@5", "-", "DeleteLocal(5)"),
            List.of("R18", "a@3", "c", "absent", "-", "Upload(0)"),
            List.of("R19", "a@3", "c", "a@3", "-", "Upload(3)"),
            List.of("R20", "a@3", "c", "a@5", "-", "Upload(5)"),
            List.of("R21", "a@3", "c", "c@5", "-", "Adopt(5)"),
            List.of("R22", "a@3", "c", "b@5", "-", "Conflict(MODIFY_MODIFY, 5, b)"),
            List.of("R23", "a@3", "c", "deleted@5", "-", "Upload(5)"),
            List.of("R24", "deleted@3", "absent", "deleted@3", "-", "Nothing"),
            List.of("R25", "deleted@3", "absent", "b@5", "-", "Download(5, b)"),
            List.of("R26", "deleted@3", "absent", "deleted@5", "-", "Adopt(5)"),
            List.of("R27", "deleted@3", "x", "deleted@3", "-", "Upload(3)"),
            List.of("R28", "deleted@3", "x", "x@5", "-", "Adopt(5)"),
            List.of("R29", "deleted@3", "x", "y@5", "-", "Conflict(CREATE_CREATE, 5, y)"),
            List.of("R30", "absent", "x", "deleted@5", "x@4", "DeleteLocal(5)"),
            List.of("R31", "absent", "x", "y@5", "x@4", "Download(5, y)"),
            List.of("R32", "absent", "x", "deleted@5", "y@4", "Upload(5)"),
            List.of("R33", "a@3", "c", "b@5", "c@4", "Download(5, b)"),
            List.of("R34", "a@3", "c", "deleted@5", "c@4", "DeleteLocal(5)"),
            List.of("R35", "a@3", "c", "b@5", "c@2", "Download(5, b)"),
            List.of("R36", "absent", "x", "x@5", "x@4", "Adopt(5)"),
            List.of("R37", "a@3", "c", "a@3", "c@2", "Upload(3)"),
            List.of("R38", "a@3", "c", "deleted@5", "c@2", "Upload(5)"));

    static Stream<List<String>> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reconcile_tableRow_givesTheDocumentedAction(List<String> row) {
        Action action = Reconciler.reconcile(snapshot(row.get(1)), content(row.get(2)), snapshot(row.get(3)),
                past(row.get(4)));

        assertThat(format(action)).as(row.get(0)).isEqualTo(row.get(5));
    }

    @Test
    void docsTable_matchesTheTestRowsExactly() throws IOException {
        List<List<String>> documented = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
                .filter(line -> line.matches("\\| R\\d\\d \\|.*"))
                .map(line -> Stream.of(line.split("\\|")).skip(1).limit(6).map(String::strip).toList())
                .toList();

        assertThat(documented).containsExactlyElementsOf(ROWS);
    }

    @Test
    void reconcile_everyCombinationOfTheNotation_isCoveredByARow() {
        // ancestor absent/live/tombstone x local absent/unchanged/modified x every remote kind.
        List<String> ancestors = List.of("absent", "a@3", "deleted@3");
        for (List<String> row : ROWS) {
            assertThat(ancestors).contains(row.get(1));
        }
        assertThat(ROWS).extracting(row -> row.get(0)).doesNotHaveDuplicates().hasSize(38);
        assertThat(ROWS).extracting(row -> row.get(1) + "|" + row.get(2) + "|" + row.get(3) + "|" + row.get(4))
                .doesNotHaveDuplicates();
    }

    static ContentHash hash(String letter) {
        return ContentHash.ofBytes(letter.getBytes(StandardCharsets.UTF_8));
    }

    private static ContentHash content(String cell) {
        return cell.equals("absent") ? null : hash(cell);
    }

    /** A history cell: "-" (not read), or "x@4": version 4 held the content x. */
    private static Snapshot past(String cell) {
        return cell.equals("-") ? Snapshot.ABSENT : snapshot(cell);
    }

    private static Snapshot snapshot(String cell) {
        if (cell.equals("absent")) {
            return Snapshot.ABSENT;
        }
        String[] parts = cell.split("@");
        long version = Long.parseLong(parts[1]);
        return parts[0].equals("deleted") ? Snapshot.tombstone(version) : Snapshot.live(version, hash(parts[0]));
    }

    private static String format(Action action) {
        if (action instanceof Action.Nothing) {
            return "Nothing";
        } else if (action instanceof Action.Adopt a) {
            return "Adopt(" + a.remoteVersion() + ")";
        } else if (action instanceof Action.Upload u) {
            return "Upload(" + u.baseVersion() + ")";
        } else if (action instanceof Action.Download d) {
            return "Download(" + d.remoteVersion() + ", " + letter(d.content()) + ")";
        } else if (action instanceof Action.DeleteLocal d) {
            return "DeleteLocal(" + d.remoteVersion() + ")";
        } else if (action instanceof Action.DeleteRemote d) {
            return "DeleteRemote(" + d.baseVersion() + ")";
        } else if (action instanceof Action.Conflict c) {
            return "Conflict(" + c.kind() + ", " + c.remoteVersion() + ", " + letter(c.remoteContent()) + ")";
        }
        throw new AssertionError("unknown action " + action);
    }

    private static String letter(ContentHash hash) {
        for (String letter : List.of("a", "b", "c", "x", "y")) {
            if (hash(letter).equals(hash)) {
                return letter;
            }
        }
        return hash.shortHex();
    }
}
