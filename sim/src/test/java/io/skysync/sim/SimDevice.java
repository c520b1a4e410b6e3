package io.skysync.sim;

import io.skysync.client.index.IndexStore;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.Transfers;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * One simulated device: a sync root, an index that outlives every process of the device, and the
 * real engine built anew for each sync (a crash throws the engine away, as {@code kill -9} would).
 * Decisions run on one thread: one transfer at a time and a sequential hasher.
 */
public final class SimDevice {
    final int id;
    final String name;
    final Path root;
    private final Supplier<IndexStore> index;
    private final RemoteVault remote;
    private final Transfers transfers;
    private final FaultInterceptor network;
    private final FaultPlan faults;
    private final Clock clock;
    int offlineUntil = -1;

    SimDevice(int id, Path root, Supplier<IndexStore> index, RemoteVault remote, Transfers transfers,
              FaultInterceptor network, FaultPlan faults, Clock clock) {
        this.id = id;
        this.name = "dev" + id;
        this.root = root;
        this.index = index;
        this.remote = remote;
        this.transfers = transfers;
        this.network = network;
        this.faults = faults;
        this.clock = clock;
    }

    /** How one sync ended. */
    record Outcome(SyncReport report, SimCrash crash, Exception failure) {
        boolean clean() {
            return report != null && report.failures().isEmpty();
        }

        String describe() {
            if (crash != null) {
                return "CRASHED " + crash.getMessage();
            }
            if (failure != null) {
                return "FAILED " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
            }
            return "up=" + report.uploaded() + " down=" + report.downloaded() + " delL=" + report.deletedLocal()
                    + " delR=" + report.deletedRemote() + " conflicts=" + report.conflicts() + " failures=" + report.failures();
        }
    }

    void online(boolean on) {
        network.online(on);
    }

    Outcome sync() {
        SyncOptions options = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, name).withMassDelete(100, true);
        IndexStore store = index.get();
        try {
            SyncEngine engine = new SyncEngine(remote, transfers, new CrashingIndex(store, faults), root, clock,
                    new ParallelHasher(1), IgnoreRules.none(), 1, new CrashingProgress(faults));
            return new Outcome(engine.run(options), null, null);
        } catch (SimCrash crash) {
            return new Outcome(null, crash, null);
        } catch (SkysyncException | IOException | UncheckedIOException e) {
            return new Outcome(null, null, e);
        } finally {
            store.close();
        }
    }
}
