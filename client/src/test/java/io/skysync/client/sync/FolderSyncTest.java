package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Folders between two real folders over the real API code (in-memory stores) on loopback: empty
 * folders sync, a folder deleted with its content goes everywhere, a deletion racing an add inside
 * keeps both, and a folder that holds what is not synced is never emptied (docs/reconcile.md, "Folders").
 */
class FolderSyncTest extends TwoDevices {
    private void assertConverged() {
        assertThat(b.tree()).isEqualTo(a.tree());
        assertThat(b.folders()).isEqualTo(a.folders());
    }

    @Test
    void emptyFolders_madeOnOneDevice_appearOnTheOther_andGoWhenDeleted() {
        backend.resetCounts();
        a.mkdir("empty").mkdir("deep/er/est");
        syncBoth();
        assertThat(b.folders()).containsExactly("deep", "deep/er", "deep/er/est", "empty");
        assertThat(backend.count("blob[PUT]")).as("a folder moves no bytes").isZero();

        a.deleteTree("deep/er");
        syncBoth();

        assertConverged();
        assertThat(b.folders()).containsExactly("deep", "empty");
    }

    @Test
    void folderDeletedWithItsContent_isGoneOnTheOtherDevice() {
        for (int i = 0; i < 10; i++) {
            a.write("keep-" + i + ".txt", "k" + i);
        }
        a.write("d/one.txt", "1").write("d/sub/two.txt", "2").mkdir("d/sub/empty");
        syncBoth();

        b.deleteTree("d");
        syncBoth();

        assertConverged();
        assertThat(a.exists("d")).isFalse();
    }

    @Test
    void deletionRacingAnAddInside_keepsTheFolderAndTheFile_whicheverSyncsFirst() {
        a.write("keep.txt", "k").write("d/old.txt", "old");
        syncBoth();

        a.deleteTree("d");
        b.write("d/new.txt", "new");
        assertThat(a.sync().failures()).isEmpty();
        syncBoth();

        assertConverged();
        assertThat(a.tree()).containsOnlyKeys("keep.txt", "d/new.txt");
        assertThat(a.folders()).containsExactly("d");
    }

    @Test
    void deletionRacingAnAddInside_addSyncedFirst_keepsTheFolderAndTheFile() {
        a.write("keep.txt", "k").write("d/old.txt", "old");
        syncBoth();

        a.deleteTree("d");
        b.write("d/new.txt", "new");
        assertThat(b.sync().failures()).isEmpty();
        syncBoth();

        assertConverged();
        assertThat(a.tree()).containsOnlyKeys("keep.txt", "d/new.txt");
    }

    @Test
    void folderDeletedRemotely_thatHoldsAnIgnoredFile_isKeptWithIt_andNotSentBack() {
        a.write(".skysyncignore", "*.log\n").write("d/kept.txt", "k");
        syncBoth();
        b.write("d/debug.log", "local only");

        a.deleteTree("d");
        syncBoth();
        SyncReport again = b.sync();

        assertThat(b.read("d/debug.log")).isEqualTo("local only");
        assertThat(b.exists("d/kept.txt")).isFalse();
        assertThat(again.warnings()).anyMatch(w -> w.contains("kept the folder d"));
        assertThat(a.sync().failures()).isEmpty();
        assertThat(a.exists("d")).as("the kept folder is not written again").isFalse();

        b.delete("d/debug.log");
        assertThat(b.sync().failures()).isEmpty();
        assertThat(b.exists("d")).as("removed once it is empty").isFalse();
    }

    @Test
    void massDeleteGuard_countsFolders() {
        for (int i = 0; i < 6; i++) {
            a.mkdir("empty-" + i);
        }
        a.write("keep.txt", "k");
        syncBoth();

        for (int i = 0; i < 6; i++) {
            a.deleteTree("empty-" + i);
        }

        assertThatThrownBy(() -> a.sync()).isInstanceOf(SafetyStop.class).hasMessageContaining("6 of the vault's 7");
        assertThat(b.sync().failures()).isEmpty();
        assertThat(b.folders()).hasSize(6);
    }
}
