package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import io.skysync.api.HistoryResponse;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two devices changing one file's metadata and syncing at the same moment, round after round: one
 * touches it, the other flips its executable bit, and every few rounds one of them edits it. Each
 * side's change is committed only over the version it saw (docs/reconcile.md, "Metadata"), so
 * whatever the interleaving the devices end with the vault's content, time and bit, the versions in
 * history are gap-free, and once settled no sync adds a version (no touch ping-pong).
 */
class MetadataConcurrencySyncTest extends TwoDevices {
    private static final int ROUNDS = 15;

    @Test
    void touchesChmodsAndEditsOfOneFile_fromTwoDevicesAtOnce_convergeAndThenStayStill() throws Exception {
        Assumptions.assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix"), "needs the executable bit");
        a.write("run.sh", "#!/bin/sh\necho 0\n").write("keep.txt", "k");
        syncBoth();
        Path onA = a.root.resolve("run.sh");
        Path onB = b.root.resolve("run.sh");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> toucher = pool.submit(rounds(together, i -> {
                if (i % 5 == 2) {
                    a.write("run.sh", "#!/bin/sh\necho " + i + "\n");
                }
                Files.setLastModifiedTime(onA, FileTime.from(t0.plusSeconds(3600L * i)));
                a.sync();
            }));
            Future<?> chmodder = pool.submit(rounds(together, i -> {
                if (Files.exists(onB)) {
                    onB.toFile().setExecutable(i % 2 == 0, false);
                }
                b.sync();
            }));
            toucher.get(5, TimeUnit.MINUTES);
            chmodder.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        syncBoth();
        syncBoth();
        long head = head();
        syncBoth();
        syncBoth();

        assertThat(head()).as("settled: no sync adds a version").isEqualTo(head);
        assertThat(b.tree()).isEqualTo(a.tree());
        EntryDto stored = b.remote().files(null, 10).entries().stream().filter(e -> e.path().equals("run.sh"))
                .findFirst().orElseThrow();
        assertThat(Files.isExecutable(onA)).as("a has the vault's bit").isEqualTo(stored.executable());
        assertThat(Files.isExecutable(onB)).as("b has the vault's bit").isEqualTo(stored.executable());
        assertThat(MetadataRule.sameTime(Files.getLastModifiedTime(onA).toMillis(), stored.mtime())).isTrue();
        assertThat(MetadataRule.sameTime(Files.getLastModifiedTime(onB).toMillis(), stored.mtime())).isTrue();
        HistoryResponse history = a.remote().history(VaultPath.of("run.sh"), 1000);
        List<Long> versions = history.versions().stream().map(EntryDto::version).toList();
        assertThat(versions).as("gap-free history, newest first").first().isEqualTo(stored.version());
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(versions.get(i - 1) - 1);
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

    private long head() {
        return a.remote().files(null, 10).seq();
    }
}
