package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.entry;
import static io.skysync.client.sync.PlanFixtures.hash;
import static io.skysync.client.sync.PlanFixtures.remote;
import static io.skysync.client.sync.PlanFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The lineage cases: what a run that died left the index not knowing, and how content proves it.
 * Each row is one path: what the index says (ancestor, last remote seen, last scanned content),
 * what is there now (local, remote), and the ancestor the repair must find.
 */
class LineageTest {
    private static final VaultPath PATH = VaultPath.of("f.txt");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a download placed, the index never heard of it        | a@3    | b@6    | a | b | c@7 | b@6
            the same, the remote still that version: it is adopted | a@3    | b@5    | a | b | b@5 | a@3
            a remote time or bit change seen, not set here yet     | a@3    | a@5    | a | a | a@5 | a@3
            own commit applied, record lost, then edited again     | a@3    | a@3    | c | d | c@4 | c@4
            own commit applied, record lost, not edited since      | a@3    | a@3    | c | c | c@4 | a@3
            the local file moved on from the version last seen     | a@3    | b@5    | a | c | b@5 | a@3
            an ordinary remote change: nothing to repair           | a@3    | a@3    | a | a | b@5 | a@3
            a keep-both copy committed, then the copy was edited   | absent | absent | h | i | h@1 | h@1
            a remote deletion: only content can prove descent      | a@3    | a@3    | c | d | deleted@4 | a@3
            """)
    void repair_row_findsTheAncestorContentProves(String name, String synced, String seen, String scanned, String now,
                                                  String current, String expected) {
        LocalFile local = PlanFixtures.local(PATH, now, 1);
        IndexRow row = IndexRow.empty(PATH).withSynced(snapshot(synced)).withRemote(remote(seen))
                .withLocal(PATH.value(), new LocalStat(1, 1, "k", hash(scanned)));
        RemoteView view = new RemoteView(Map.of(PATH, remote(current)), false, 9, Map.of(), Map.of(), List.of(), List.of(), 1);

        IndexRow repaired = Lineage.repair(Map.of(PATH, row), Map.of(PATH, local), view).get(PATH);

        assertThat(repaired.ancestor()).as(name).isEqualTo(snapshot(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            both sides changed, differently                       | a@3    | c | b@5       | true
            a local edit against a remote deletion                | a@3    | c | deleted@5 | true
            a lost index, the file deleted remotely               | absent | x | deleted@5 | true
            a lost index, the file changed remotely               | absent | x | y@5       | true
            unchanged here                                        | a@3    | a | b@5       | false
            the same content on both sides                        | a@3    | b | b@5       | false
            the remote did not move                               | a@3    | c | a@3       | false
            """)
    void suspect_localFile_whereItsHistoryCanChangeTheDecision(String name, String ancestor, String now, String current,
                                                              boolean suspect) {
        LocalFile local = PlanFixtures.local(PATH, now, 1);
        IndexRow row = ancestor.equals("absent") ? null : IndexRow.empty(PATH).syncedTo(remote(ancestor));

        assertThat(Lineage.suspect(local, row, remote(current))).as(name).isEqualTo(suspect);
    }

    @Test
    void past_isTheNewestLiveVersionWithTheContent_notNewerThanTheRemote() {
        var history = List.of(entry(PATH, "c@7"), entry(PATH, "deleted@6"), entry(PATH, "c@4"), entry(PATH, "b@3"),
                entry(PATH, "c@2"));

        assertThat(Lineage.past(history, hash("c"), FileVersion.of(8))).isEqualTo(Snapshot.live(7, hash("c")));
        assertThat(Lineage.past(history, hash("c"), FileVersion.of(6))).isEqualTo(Snapshot.live(4, hash("c")));
        assertThat(Lineage.past(history, hash("b"), FileVersion.of(8))).isEqualTo(Snapshot.live(3, hash("b")));
        assertThat(Lineage.past(history, hash("x"), FileVersion.of(8))).isEqualTo(Snapshot.ABSENT);
        assertThat(Lineage.past(List.of(), hash("c"), FileVersion.of(8))).isEqualTo(Snapshot.ABSENT);
    }

    @Test
    void repair_rowsItDoesNotChange_areTheSameObjects() {
        IndexRow row = IndexRow.empty(PATH).syncedTo(RemoteFile.live(FileVersion.of(3), hash("a"), 1, 1));
        RemoteView view = new RemoteView(Map.of(), false, 9, Map.of(), Map.of(), List.of(), List.of(), 1);

        assertThat(Lineage.repair(Map.of(PATH, row), Map.of(), view)).containsEntry(PATH, row);
    }
}
