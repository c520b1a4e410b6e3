package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two devices syncing at the same moment, round after round: one removes a synced folder (empty, or
 * with its file), the other adds a file inside it. A folder goes only with its own entry's deletion and only while it is
 * empty (docs/reconcile.md, "Folders", F09, F11, F12), so whichever commit lands first, every added
 * file ends on both devices and in the vault, inside a live folder entry.
 */
class FolderRaceSyncTest extends TwoDevices {
    private static final int ROUNDS = 12;

    @Test
    void folderRemovedOnOneDevice_whileTheOtherAddsAFileInside_atTheSameMoment_keepsEveryFileAndItsFolder()
            throws Exception {
        for (int i = 0; i < 6; i++) {
            a.write("keep-" + i + ".txt", "k" + i);
        }
        for (int i = 0; i < ROUNDS; i++) {
            a.mkdir("d-" + i);
        }
        syncBoth();
        assertThat(b.folders()).hasSize(ROUNDS);

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> remover = pool.submit(rounds(together, i -> {
                removeIfEmpty(a.root.resolve("d-" + i));
                a.sync();
            }));
            Future<?> adder = pool.submit(rounds(together, i -> {
                b.write("d-" + i + "/f.txt", "new " + i);
                b.sync();
            }));
            remover.get(5, TimeUnit.MINUTES);
            adder.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 2; i++) {
            syncBoth();
        }

        assertThat(b.tree()).isEqualTo(a.tree());
        assertThat(b.folders()).isEqualTo(a.folders());
        Map<String, EntryDto> vault = vaultEntries();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(a.read("d-" + i + "/f.txt")).isEqualTo("new " + i);
            assertThat(vault.get("d-" + i + "/f.txt").deleted()).isFalse();
            assertThat(vault.get("d-" + i)).as("the entry of d-" + i)
                    .satisfies(d -> assertThat(d.deleted()).isFalse(), d -> assertThat(d.isFolder()).isTrue());
        }
    }

    @Test
    void folderDeletedWithItsFileOnOneDevice_whileTheOtherAddsAFileInside_atTheSameMoment_keepsTheAddedFile()
            throws Exception {
        for (int i = 0; i < 6; i++) {
            a.write("keep-" + i + ".txt", "k" + i);
        }
        for (int i = 0; i < ROUNDS; i++) {
            a.write("d-" + i + "/old.txt", "old " + i);
        }
        syncBoth();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> remover = pool.submit(rounds(together, i -> {
                a.deleteTree("d-" + i);
                a.sync();
            }));
            Future<?> adder = pool.submit(rounds(together, i -> {
                b.write("d-" + i + "/new.txt", "new " + i);
                b.sync();
            }));
            remover.get(5, TimeUnit.MINUTES);
            adder.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 2; i++) {
            syncBoth();
        }

        assertThat(b.tree()).isEqualTo(a.tree());
        assertThat(b.folders()).isEqualTo(a.folders());
        Map<String, EntryDto> vault = vaultEntries();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(a.read("d-" + i + "/new.txt")).isEqualTo("new " + i);
            assertThat(a.exists("d-" + i + "/old.txt")).as("the deletion of d-" + i + "/old.txt stands").isFalse();
            assertThat(vault.get("d-" + i)).as("the entry of d-" + i)
                    .satisfies(d -> assertThat(d.deleted()).isFalse(), d -> assertThat(d.isFolder()).isTrue());
        }
    }

    private interface Round {
        void run(int i) throws IOException;
    }

    /** Runs {@code round} {@link #ROUNDS} times, each one started together with the other thread's. */
    private static Callable<Void> rounds(CyclicBarrier together, Round round) {
        return () -> {
            for (int i = 0; i < ROUNDS; i++) {
                together.await(1, TimeUnit.MINUTES);
                round.run(i);
            }
            return null;
        };
    }

    /** {@code rmdir}: refused by the file system if anything arrived inside meanwhile. */
    private static void removeIfEmpty(Path folder) throws IOException {
        try {
            Files.delete(folder);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Something arrived inside (or the folder is gone): it stays as it is.
        }
    }

    private Map<String, EntryDto> vaultEntries() {
        Map<String, EntryDto> all = new HashMap<>();
        String after = null;
        do {
            FilesResponse page = a.remote().files(after, 500);
            page.entries().forEach(e -> all.put(e.path(), e));
            after = page.next();
        } while (after != null);
        return all;
    }
}
