package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The scheduled clean-up, per vault: prune the change log, prune history, then collect unreferenced
 * blobs in two phases (mark, then delete a later run). The rules and why the blob collection never
 * removes a blob a commit is about to reference are in docs/devices.md. Platform handlers call
 * {@link #run()} once a day.
 *
 * <p>A run works on a vault only while it holds the vault's clean-up lease ({@link #LEASE}, in the
 * manifest, renewed right before every blob delete): two runs at once (a timer delivered twice, a
 * run that outlived its schedule) never work on one vault together, so no run deletes on
 * references another run's deletes made stale.
 */
public final class RetentionJob {
    private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());
    /** How long a lease holds without renewal: far beyond one delete, short enough to take over a crashed run's vault. */
    public static final Duration LEASE = Duration.ofMinutes(15);

    private final ManifestStore manifest;
    private final RetentionStore store;
    private final BlobSweeper sweeper;
    private final Clock clock;
    private final RetentionPolicy policy;
    private final String runner;
    private final RepairSweep repairs;
    private final AtomicLong runs = new AtomicLong();

    /** What the clean-up does for blob repairs ({@link BlobRepairs}); {@link #NONE} where there are none. */
    @FunctionalInterface
    public interface RepairSweep {
        RepairSweep NONE = (vault, referenced) -> 0;

        /** Drops the repair records of contents no longer in {@code referenced}; answers how many. */
        int sweep(VaultId vault, Set<ContentHash> referenced);
    }

    public RetentionJob(ManifestStore manifest, RetentionStore store, BlobSweeper sweeper, Clock clock,
                        RetentionPolicy policy) {
        this(manifest, store, sweeper, clock, policy, RepairSweep.NONE, UUID.randomUUID().toString());
    }

    /**
     * @param repairs what to drop of blob repairs nobody needs any more
     * @param runner  names this job's runs in the leases it takes ({@code <runner>/<run number>})
     */
    public RetentionJob(ManifestStore manifest, RetentionStore store, BlobSweeper sweeper, Clock clock,
                        RetentionPolicy policy, RepairSweep repairs, String runner) {
        this.repairs = Objects.requireNonNull(repairs, "repairs");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.store = Objects.requireNonNull(store, "store");
        this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Cleans every vault; one vault's failure is logged and reported, the others still run. A vault
     * whose lease another run holds is skipped (that run cleans it).
     */
    public RetentionReport run() {
        String owner = runner + "/" + runs.incrementAndGet();
        List<RetentionReport.VaultReport> done = new ArrayList<>();
        List<VaultId> failed = new ArrayList<>();
        List<VaultId> skipped = new ArrayList<>();
        for (VaultId vault : store.vaults()) {
            try {
                Optional<RetentionReport.VaultReport> report = runVault(vault, owner);
                if (report.isPresent()) {
                    done.add(report.get());
                } else {
                    skipped.add(vault);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "clean-up of vault " + vault + " failed; the next run retries it", e);
                failed.add(vault);
            }
        }
        return new RetentionReport(done, failed, skipped);
    }

    private Optional<RetentionReport.VaultReport> runVault(VaultId vault, String owner) {
        Lease lease = new Lease(vault, owner);
        if (!lease.hold()) {
            LOG.log(Level.INFO, "another clean-up run holds vault " + vault + "; skipped");
            return Optional.empty();
        }
        try {
            Seq floor = pruneLog(vault);
            int historyDeleted = pruneHistory(vault);
            Sweep swept = sweepDoomed(vault, lease);
            Set<ContentHash> referenced = ChunkReferences.live(vault, store, sweeper);
            int marked = markUnreferenced(vault, referenced);
            repairs.sweep(vault, referenced);
            return Optional.of(new RetentionReport.VaultReport(vault, floor, historyDeleted, marked, swept.deleted(),
                    swept.released()));
        } finally {
            store.releaseLease(vault, owner);
        }
    }

    /** The vault's clean-up lease as this run holds it. */
    private final class Lease {
        private final VaultId vault;
        private final String owner;

        private Lease(VaultId vault, String owner) {
            this.vault = vault;
            this.owner = owner;
        }

        /** Takes or renews the lease for {@link #LEASE} from now; false if another run holds it. */
        boolean hold() {
            Instant now = clock.instant();
            return store.holdLease(vault, owner, now, now.plus(LEASE));
        }
    }

    /**
     * The log keeps every record younger than the retention, and every record a device still needs:
     * one that is not revoked and was seen within the retention. A device silent for longer gets
     * {@code cursor_expired} and re-lists the files.
     */
    private Seq pruneLog(VaultId vault) {
        VaultMeta meta = manifest.vault(vault).orElse(null);
        if (meta == null) {
            return Seq.ZERO;
        }
        Instant cutoff = clock.instant().minus(policy.retention());
        Seq floor = store.lastLogSeqBefore(vault, cutoff);
        for (DeviceRecord device : manifest.devices(vault)) {
            if (!device.revoked() && !device.lastSeen().isBefore(cutoff) && device.cursor().compareTo(floor) < 0) {
                floor = device.cursor();
            }
        }
        if (floor.compareTo(meta.seq()) > 0) {
            floor = meta.seq();
        }
        if (floor.compareTo(meta.logFloor()) <= 0) {
            return meta.logFloor();
        }
        store.pruneLog(vault, floor);
        return floor;
    }

    /**
     * A version goes once it was replaced more than the retention ago (its successor is older than
     * the cutoff) and it is not among the newest {@code keepVersions} of its path. Tombstones are
     * versions like any other, so a deleted file stays restorable for the retention at least.
     */
    private int pruneHistory(VaultId vault) {
        Instant cutoff = clock.instant().minus(policy.retention());
        Map<VaultPath, List<ManifestEntry>> byPath = new HashMap<>();
        try (Stream<ManifestEntry> records = store.historyRecords(vault)) {
            records.forEach(r -> byPath.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r));
        }
        List<ManifestEntry> doomed = new ArrayList<>();
        for (List<ManifestEntry> versions : byPath.values()) {
            versions.sort(Comparator.comparingLong((ManifestEntry e) -> e.version().value()).reversed());
            for (int i = policy.keepVersions(); i < versions.size(); i++) {
                if (versions.get(i - 1).updatedAt().isBefore(cutoff)) {
                    doomed.add(versions.get(i));
                }
            }
        }
        if (!doomed.isEmpty()) {
            store.deleteHistory(vault, doomed);
        }
        return doomed.size();
    }

    /**
     * Phase 2: dooms every mark older than {@code markAge} (a conditional write that fails if a plan
     * or commit took the mark away first), THEN reads the references, and deletes a doomed blob only
     * if nothing references it, under the lease. A doomed record left by a crashed run is finished
     * the same way: its run no longer holds the lease, or this run could not hold it.
     */
    private Sweep sweepDoomed(VaultId vault, Lease lease) {
        List<BlobMark> doomed = new ArrayList<>();
        for (BlobMark mark : store.marks(vault)) {
            if (mark.doomed()) {
                doomed.add(mark);
            } else if (!mark.markedAt().plus(policy.markAge()).isAfter(clock.instant()) && store.doom(vault, mark)) {
                doomed.add(mark.asDoomed());
            }
        }
        if (doomed.isEmpty()) {
            return new Sweep(0, 0);
        }
        // Read only now: every commit that cleared this blob before its mark has long written its entry.
        Set<ContentHash> referenced = ChunkReferences.live(vault, store, sweeper);
        int deleted = 0;
        int released = 0;
        for (BlobMark mark : doomed) {
            if (referenced.contains(mark.hash())) {
                released++;
            } else {
                // Only under the lease: a run that lost it (it stalled past LEASE) must not delete on its old read.
                if (!lease.hold()) {
                    throw new IllegalStateException("the clean-up lease of vault " + vault
                            + " passed to another run; that run finishes the doomed marks");
                }
                // The record first: until the mark goes, nothing writes it back (docs/devices.md, "Blob records").
                manifest.forgetBlobs(vault, Set.of(mark.hash()));
                sweeper.delete(vault, mark.hash());
                deleted++;
            }
            // Removed only after the delete: until then plan and commit treat the blob as missing.
            store.remove(vault, mark);
        }
        return new Sweep(deleted, released);
    }

    private record Sweep(int deleted, int released) {
    }

    /** Phase 1: marks blobs that nothing references and that are older than the grace period. */
    private int markUnreferenced(VaultId vault, Set<ContentHash> referenced) {
        Instant graceCutoff = clock.instant().minus(policy.blobGrace());
        Set<ContentHash> marked = new HashSet<>();
        store.marks(vault).forEach(m -> marked.add(m.hash()));
        List<ContentHash> candidates = new ArrayList<>();
        try (Stream<StoredBlob> blobs = sweeper.blobs(vault)) {
            blobs.filter(b -> !referenced.contains(b.hash()) && !marked.contains(b.hash())
                            && !b.lastModified().isAfter(graceCutoff))
                    .forEach(b -> candidates.add(b.hash()));
        }
        int count = 0;
        for (ContentHash hash : candidates) {
            if (store.mark(vault, hash, clock.instant())) {
                count++;
            }
        }
        return count;
    }
}
