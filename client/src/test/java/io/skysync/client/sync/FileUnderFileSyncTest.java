package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A path that is a file on one device and a folder with files on another, both new: the vault ends
 * with the file {@code notes} and the file {@code notes/a.txt} (the server keeps paths apart; the
 * folder entry is held as a conflict, F16). Neither device may lose its file or stop syncing the rest.
 */
class FileUnderFileSyncTest extends TwoDevices {

    @Test
    void fileOnOneDevice_folderWithAFileAtTheSamePathOnTheOther_neitherIsLost_andTheRestSyncs() {
        a.write("notes", "a file").write("keep-a.txt", "a");
        assertThat(a.sync().failures()).isEmpty();
        b.write("notes/a.txt", "inside").write("keep-b.txt", "b");

        SyncReport onB = b.sync();
        SyncReport onA = a.sync();
        SyncReport onBAgain = b.sync();

        assertThat(a.read("notes")).isEqualTo("a file");
        assertThat(b.read("notes/a.txt")).isEqualTo("inside");
        assertThat(a.read("keep-b.txt")).isEqualTo("b");
        assertThat(b.read("keep-a.txt")).isEqualTo("a");
        assertThat(onB.failures()).isEmpty();
        assertThat(onBAgain.failures()).isEmpty();
        assertThat(onA.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("notes/a.txt");
            assertThat(f.reason()).contains("notes is a file");
        });
    }
}
