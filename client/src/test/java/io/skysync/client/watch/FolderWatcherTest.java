package io.skysync.client.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.sync.SafetyStop;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's loop on simulated time, with a scripted sync and server: a real folder (its
 * {@code .skysync/config.toml} is what tells a mounted folder from a vanished one), no sleeping.
 */
class FolderWatcherTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path root;
    private SimulatedTime time;
    private ScriptedSync sync;
    private FakeProbe probe;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void folder() throws IOException {
        Files.createDirectories(root.resolve(".skysync"));
        Files.writeString(root.resolve(".skysync/config.toml"), "vault = \"notes\"\n");
        time = new SimulatedTime(120 * S);
        sync = new ScriptedSync(() -> time.now());
        probe = new FakeProbe(() -> sync.cursor);
    }

    private Outcome watch() {
        FolderWatcher watcher = new FolderWatcher(new FolderWatcher.Parts(root, sync, probe, new QuietSource(), time,
                new WatchLog(new PrintStream(log, true, StandardCharsets.UTF_8), System.err, null, time.wall()),
                new WatchStateFile(root.resolve(".skysync")), 42, time.wall(), time::now, new Random(3), Runnable::run,
                WatchSettings.defaults()));
        return watcher.run();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private WatchState state() {
        return new WatchStateFile(root.resolve(".skysync")).read().orElseThrow();
    }

    @Test
    void run_burstOfTwoThousandWrites_isSyncedOnceSettled() {
        for (int i = 0; i < 2000; i++) {
            time.at(5 * S + i * 100_000L, new Signal.LocalChange(root.resolve("f" + i + ".txt")));
        }

        assertThat(watch()).isEqualTo(Outcome.STOPPED);

        assertThat(sync.runs).hasSize(2);
        assertThat(sync.runs.get(1)).isEqualTo(5 * S + 1999 * 100_000L + 500 * MS);
        assertThat(state().rounds()).isEqualTo(2);
        assertThat(state().state()).isEqualTo("stopped");
    }

    @Test
    void run_serverDown_retriesWithGrowingJitteredPausesThenSaysItSyncedAgain() {
        SkysyncException down = new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reach 127.0.0.1:9");
        sync.then(ScriptedSync.QUIET, down, down, down, down, ScriptedSync.BUSY);
        time.at(S, new Signal.LocalChange(root.resolve("a.txt")));

        watch();

        assertThat(sync.runs).hasSize(6);
        long[] steps = {1000, 2000, 4000, 8000};
        for (int i = 0; i < steps.length; i++) {
            long gap = (sync.runs.get(i + 2) - sync.runs.get(i + 1)) / MS;
            assertThat(gap).as("pause after failure %d", i + 1).isBetween(steps[i] / 2, steps[i]);
        }
        assertThat(log()).contains("sync failed: cannot reach 127.0.0.1:9; retrying in", "(attempt 4)", "synced again after retry");
        assertThat(state().lastError()).contains("cannot reach");
        assertThat(state().lastSync()).isEqualTo("sent 1 file(s)");
    }

    @Test
    void run_deviceRevoked_stopsForGoodAndSaysHowToJoinAgain() {
        sync.then(new SkysyncException(ErrorCode.UNAUTHORIZED, "unauthorized"));

        assertThat(watch()).isEqualTo(Outcome.REVOKED);

        assertThat(sync.runs).hasSize(1);
        assertThat(log()).contains("stopped watching: the server refused this device's token", "skysync join");
        assertThat(state().state()).isEqualTo("stopped");
        assertThat(state().stopReason()).contains("revoked");
        assertThat(probe.calls.get()).isZero();
    }

    @Test
    void run_revokedWhileIdle_theAskForChangesStopsIt() {
        probe.failOnCall(3, new SkysyncException(ErrorCode.UNAUTHORIZED, "unauthorized"));

        assertThat(watch()).isEqualTo(Outcome.REVOKED);
        assertThat(sync.runs).hasSize(1);
    }

    @Test
    void run_folderRemoved_stopsWithoutSyncingTheEmptiedFolder() {
        sync.then((Callable<Round>) () -> {
            Files.delete(root.resolve(".skysync/config.toml"));
            return ScriptedSync.QUIET;
        });
        time.at(3 * S, new Signal.LocalChange(root.resolve("everything-deleted.txt")));

        assertThat(watch()).isEqualTo(Outcome.ROOT_GONE);

        assertThat(sync.runs).as("no sync ran on the emptied folder").hasSize(1);
        assertThat(log()).contains("gone or no longer mounted", "nothing was deleted");
    }

    @Test
    void run_syncFindsTheRootUnavailable_stopsAsRootGone() throws IOException {
        sync.then(new io.skysync.client.scan.RootUnavailableException(root));

        assertThat(watch()).isEqualTo(Outcome.ROOT_GONE);
    }

    @Test
    void run_laptopSlept_syncsAtOnceOnWakingAndSaysWhy() {
        time.run(30 * S, () -> time.sleepFor(3 * 3600 * 1000L));

        watch();

        assertThat(sync.runs).hasSize(2);
        assertThat(sync.runs.get(1)).isBetween(30 * S, 36 * S);
        assertThat(log()).contains("the clock jumped by 3h (the computer slept?); syncing now");
    }

    @Test
    void run_serverHeadMoved_syncsWithoutALocalChange() {
        sync.then(ScriptedSync.QUIET, (Callable<Round>) () -> {
            sync.cursor = 5;
            return new Round(true, List.of(), List.of("from-desktop.txt"), "received 1 file(s)");
        });
        probe.headFromCall(3, 5);

        watch();

        assertThat(sync.runs).hasSize(2);
        assertThat(log()).contains("remote changes: received 1 file(s)");
    }

    /** Before the fix this looped forever at one instant: sync, ask, "moved", sync... */
    @Test
    @Timeout(20)
    void run_headTheSyncCannotCatchUpWith_isNotSyncedInALoop() {
        probe.headFromCall(1, 9);

        watch();

        assertThat(sync.runs).as("the start, then one sync for head 9").hasSize(2);
        assertThat(probe.calls.get()).as("asks back off while idle").isLessThan(10);
    }

    @Test
    void run_eventsOfItsOwnDownload_areNotSyncedAgainButALaterEditIs() {
        Path downloaded = root.resolve("a.txt");
        sync.then((Callable<Round>) () -> {
            Files.writeString(downloaded, "from the server");
            return new Round(true, List.of(), List.of("a.txt"), "received 1 file(s)");
        });
        time.at(2 * S, new Signal.LocalChange(downloaded));
        time.run(10 * S, () -> write(downloaded, "edited here, longer"));
        time.at(10 * S, new Signal.LocalChange(downloaded));

        watch();

        assertThat(sync.runs).hasSize(2);
        assertThat(sync.runs.get(1)).isEqualTo(10 * S + 500 * MS);
    }

    @Test
    void run_safetyGuardStops_remoteChangesWaitForALocalChange() {
        sync.then(new SafetyStop("the folder is empty but the vault has 12 files"));
        probe.headFromCall(2, 9);
        time.at(40 * S, new Signal.LocalChange(root.resolve("restored.txt")));

        watch();

        assertThat(sync.runs).hasSize(2);
        assertThat(sync.runs.get(1)).isEqualTo(40 * S + 500 * MS);
        assertThat(log()).contains("a safety guard stopped the sync: the folder is empty");
    }

    @Test
    void run_eventsLost_saysSoAndRunsAFullSync() {
        time.at(7 * S, new Signal.Rescan("the system's event queue overflowed"));

        watch();

        assertThat(sync.runs).hasSize(2);
        assertThat(log()).contains("file events were lost (the system's event queue overflowed)");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file watcher that reports nothing by itself: the tests post its events. */
    private static final class QuietSource implements ChangeSource {
        @Override
        public void start(Consumer<Signal> sink) {
            // Events come from the script.
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /** A server that never waits; its head and failures scripted by call number (1 = the first ask). */
    private static final class FakeProbe implements HeadProbe {
        private final java.util.function.LongSupplier cursor;
        final AtomicInteger calls = new AtomicInteger();
        private final AtomicLong headFrom = new AtomicLong(Long.MAX_VALUE);
        private long head;
        private int failOn = -1;
        private RuntimeException failure;

        FakeProbe(java.util.function.LongSupplier cursor) {
            this.cursor = cursor;
        }

        void headFromCall(int call, long newHead) {
            headFrom.set(call);
            head = newHead;
        }

        void failOnCall(int call, RuntimeException error) {
            failOn = call;
            failure = error;
        }

        @Override
        public Probe probe(long since, Duration wait) {
            int call = calls.incrementAndGet();
            if (call == failOn) {
                throw failure;
            }
            return new Probe(call >= headFrom.get() ? Math.max(head, cursor.getAsLong()) : cursor.getAsLong(), Duration.ZERO);
        }

        @Override
        public void close() {
            // Nothing in flight.
        }
    }
}
