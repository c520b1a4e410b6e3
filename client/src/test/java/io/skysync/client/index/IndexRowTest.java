package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import org.junit.jupiter.api.Test;

class IndexRowTest {
    private static final VaultPath PATH = VaultPath.of("d/caf\u00e9.txt");
    private static final ContentHash A = ContentHash.ofBytes(new byte[] {1});
    private static final LocalStat STAT = new LocalStat(1, 10, "ino", A);

    @Test
    void empty_remembersNothing_andKeepsThePathAsItsName() {
        IndexRow row = IndexRow.empty(PATH);

        assertThat(row.isEmpty()).isTrue();
        assertThat(row.localName()).isEqualTo(PATH.value());
        assertThat(row.ancestor()).isEqualTo(Snapshot.ABSENT);
        assertThat(row.localHash()).isNull();
    }

    @Test
    void withers_changeOneThingEach() {
        RemoteFile v2 = RemoteFile.live(FileVersion.of(2), A, 1, 5);
        IndexRow row = IndexRow.scanned(PATH, "d/cafe\u0301.txt", STAT);

        IndexRow synced = row.syncedTo(v2);
        IndexRow gone = synced.withoutLocal();

        assertThat(row.localHash()).isEqualTo(A);
        assertThat(synced.ancestor()).isEqualTo(Snapshot.live(2, A));
        assertThat(synced.remote()).isEqualTo(v2);
        assertThat(synced.local()).isEqualTo(STAT);
        assertThat(gone.local()).isNull();
        assertThat(gone.localName()).as("an NFD name is kept for the file's return").isEqualTo("d/cafe\u0301.txt");
        assertThat(gone.isEmpty()).isFalse();
        assertThat(row.withRemote(RemoteFile.tombstone(FileVersion.of(3))).remote().tombstone()).isTrue();
    }

    @Test
    void remoteFile_refusesContentWithoutAVersion() {
        assertThatThrownBy(() -> new RemoteFile(FileVersion.NONE, A, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RemoteFile.ABSENT.live()).isFalse();
        assertThat(RemoteFile.ABSENT.tombstone()).isFalse();
        assertThat(RemoteFile.tombstone(FileVersion.of(2)).snapshot()).isEqualTo(Snapshot.tombstone(2));
    }

    @Test
    void localStat_untrusted_matchesNoRealTime() {
        LocalStat untrusted = STAT.untrusted();

        assertThat(untrusted.sameStat(1, 10, "ino")).isFalse();
        assertThat(STAT.sameStat(1, 10, "ino")).isTrue();
        assertThat(STAT.sameStat(1, 10, "other")).isFalse();
    }
}
