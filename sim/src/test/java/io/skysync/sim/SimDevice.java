package io.skysync.sim;

import io.skysync.client.index.IndexStore;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.sync.SyncEngine;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkSizes;
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
    /**
     * The simulation's chunk sizes, scaled down from the real ones (16 MiB, 1/4/16 MiB) so that its
     * larger files (up to 64 KiB) are stored as chunks: above 16 KiB, chunks of 1 to 16 KiB.
     */
    static final ChunkSizes CHUNK_SIZES = new ChunkSizes(16 * 1024, 1024, 4 * 1024, 16 * 1024);

    final int id;
    final String name;
    final Path root;
    private final Supplier<IndexStore> index;
    private final Runnable loseIndex;
    private RemoteVault remote;
    private final Transfers transfers;
    private final FaultInterceptor network;
    private final FaultPlan faults;
    private final Clock clock;
    int offlineUntil = -1;

    /**
     * @param loseIndex throws the device's index away (the {@code LOST_INDEX} fault)
     */
    SimDevice(int id, Path root, Supplier<IndexStore> index, Runnable loseIndex, RemoteVault remote, Transfers transfers,
              FaultInterceptor network, FaultPlan faults, Clock clock) {
        this.id = id;
        this.name = "dev" + id;
        this.root = root;
        this.index = index;
        this.loseIndex = loseIndex;
        this.remote = remote;
        this.transfers = transfers;
        this.network = network;
        this.faults = faults;
        this.clock = clock;
    }

    /** How one sync ended; {@code indexLost} if the sync started without its index. */
    record Outcome(SyncReport report, SimCrash crash, Exception failure, boolean indexLost) {
        boolean clean() {
            return report != null && report.failures().isEmpty();
        }

        String describe() {
            return (indexLost ? "(index lost) " : "") + result();
        }

        private String result() {
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

    /** The device joined the vault again (after a revocation): its requests carry the new token. */
    void rejoined(RemoteVault withNewToken) {
        this.remote = withNewToken;
    }

    Outcome sync() {
        SyncOptions options = SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, name).withMassDelete(100, true);
        boolean lost = faults.roll(FaultKind.LOST_INDEX, 0.01);
        if (lost) {
            loseIndex.run();
        }
        IndexStore store = index.get();
        try {
            SyncEngine engine = new SyncEngine(remote, transfers, new CrashingIndex(store, faults), root, clock,
                    new ParallelHasher(1), IgnoreRules.none(), 1, new CrashingProgress(faults), CHUNK_SIZES);
            return new Outcome(engine.run(options), null, null, lost);
        } catch (SimCrash crash) {
            return new Outcome(null, crash, null, lost);
        } catch (SkysyncException | IOException | UncheckedIOException e) {
            return new Outcome(null, null, e, lost);
        } finally {
            store.close();
        }
    }
}
