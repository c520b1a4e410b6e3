package io.skysync.client.sync;

import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.scan.ScanResult;
import io.skysync.client.scan.Scanner;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkSizes;
import io.skysync.domain.ContentHash;
import io.skysync.domain.Folder;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One sync of a folder, as a pipeline (docs/architecture.md): scan; <b>fetch</b> every remote read
 * up front ({@link Fetcher}); <b>plan</b> with a pure function ({@link Planner}) weighed by the
 * {@link Guards}; <b>stage</b> bytes ({@link BlobUploads}, {@link BlobDownloads}) and commits
 * ({@link CommitRound}); <b>apply</b> to the folder ({@link Applier}); each outcome into the
 * {@link RunLedger}, which writes the index. A commit answered {@code conflict} is planned again
 * by the same function, in at most {@value #ROUNDS} rounds. Every collaborator is passed in, so a
 * simulation can drive it; decisions run on the calling thread, parallelism stays in hashing and
 * transfers.
 */
public final class SyncEngine {
    static final int ROUNDS = 4;
    private final RemoteVault remote;
    private final Transfers transfers;
    private final IndexStore index;
    private final SafeRoot root;
    private final Clock clock;
    private final Hasher hasher;
    private final IgnoreRules ignore;
    private final int parallelTransfers;
    private final Progress progress;
    private final ChunkSizes chunkSizes;

    public SyncEngine(RemoteVault remote, Transfers transfers, IndexStore index, Path root, Clock clock, Hasher hasher,
                      IgnoreRules ignore, int parallelTransfers, Progress progress) {
        this(remote, transfers, index, root, clock, hasher, ignore, parallelTransfers, progress, ChunkSizes.DEFAULT);
    }

    /** With chunk sizes other than the default: only a world of small test files (the simulation) needs them. */
    public SyncEngine(RemoteVault remote, Transfers transfers, IndexStore index, Path root, Clock clock, Hasher hasher,
                      IgnoreRules ignore, int parallelTransfers, Progress progress, ChunkSizes chunkSizes) {
        this.chunkSizes = Objects.requireNonNull(chunkSizes, "chunkSizes");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.transfers = Objects.requireNonNull(transfers, "transfers");
        this.index = Objects.requireNonNull(index, "index");
        this.root = new SafeRoot(root);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.ignore = Objects.requireNonNull(ignore, "ignore");
        this.parallelTransfers = parallelTransfers;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public SyncReport run(SyncOptions options) throws IOException {
        Map<VaultPath, IndexRow> rows = index.load();
        long cursor = index.cursor();
        progress.phase("scan", 0, 0);
        ChunkIndex chunkLists = index.chunks();
        // A dry run writes nothing to the index, chunk lists included.
        Hasher hashing = options.dryRun() ? hasher : new ChunkingHasher(hasher, chunkSizes, chunkLists, progress);
        ScanResult scan = new Scanner(root.root(), ignore, hashing, clock).scan(rows);
        Predicate<VaultPath> unreadableOrIgnored = p -> ignore.ignored(p) || scan.unreadable().contains(p);
        Fetcher.Fetched fetched = new Fetcher(remote).fetch(cursor, rows, scan.files(), unreadableOrIgnored, options.dryRun(),
                scan.racyFromNanos());
        RemoteView view = fetched.view();
        // A folder is matched as one ("build/" ignores the folder build, not only what is in it).
        // The rule first: without rules it answers at once, and most paths are no folder of it.
        Predicate<VaultPath> excluded = unreadableOrIgnored.or(p -> ignore.ignored(p.value(), true) && isFolder(p, rows, view));
        // The repaired ancestors are what the run records, so the evidence they rest on (the content
        // a lost run's scan saw) is not overwritten by this run's scan before the run acts on it.
        PlanInput input = PlanInput.repaired(fetched.repaired(), rows, scan.files(), excluded, view, options, clock.instant());
        // Only the candidates are decided and booked: every other path is quiet, with nothing to do (Candidates).
        Set<VaultPath> candidates = fetched.candidates();
        List<Step> steps = Planner.plan(input, candidates);
        Guards.check(input, steps, root.root());

        RunLedger ledger = new RunLedger(input, index, progress, cursor);
        describe(ledger.report, scan, view, steps, options);
        if (options.dryRun()) {
            return ledger.report;
        }
        StagingArea staging = new StagingArea(root);
        staging.prepare();
        Housekeeping.removeLegacyTemps(scan, root.root(), progress);
        ledger.book.applyScan(candidates, scan.files(), excluded, scan.racyFromNanos());
        ledger.book.applyRemote(view);
        // Before anything changes on either side, record what this run saw, with the old cursor: if the
        // run dies after a commit or a download, the next one can tell by content that it was its own.
        ledger.checkpoint();

        LocalPlacer placer = new LocalPlacer(root, staging);
        TransferPool pool = new TransferPool(parallelTransfers);
        BlobUploads uploads = new BlobUploads(remote, transfers, pool, placer, progress, chunkSizes, chunkLists);
        CommitRound commits = new CommitRound(remote, uploads, ledger, parallelTransfers);
        Applier applier = new Applier(placer, ledger);
        Repairs.upload(view, ledger, uploads);

        List<Step.Fetch> fetches = new ArrayList<>();
        List<Step.RemoveLocal> removals = new ArrayList<>();
        PlanInput current = input;
        List<Step> round = steps;
        for (int n = 1; !round.isEmpty(); n++) {
            if (n > ROUNDS) {
                round.forEach(s -> ledger.failed(s.path(), "still conflicting after " + ROUNDS + " rounds; sync again"));
                break;
            }
            Applier.Round prepared = applier.prepare(round);
            fetches.addAll(prepared.fetches());
            removals.addAll(prepared.removals());
            Map<VaultPath, RemoteFile> conflicts = commits.run(prepared.commits());
            current = current.after(ledger.book.rows(), ledger.local(), current.view().withEntries(conflicts));
            round = Planner.plan(current, conflicts.keySet());
        }
        List<Step.Fetch> files = applier.makeFolders(fetches);
        // Only a download reads from holders: a run without one does not sort every local file for them.
        Map<ContentHash, LocalFile> holders = files.isEmpty() ? Map.of() : byHash(ledger.local());
        BlobDownloads downloads = new BlobDownloads(remote, transfers, pool, placer, staging, progress, chunkSizes,
                new LocalChunks(chunkLists, holders));
        if (!files.isEmpty()) {
            applier.place(downloads.fetch(files.stream().map(f -> new BlobDownloads.Job(f, holders.get(f.remote().hash())))
                    .toList()));
        }
        applier.remove(removals);
        ledger.finish(view.cursor());
        forgetChunkLists(chunkLists, ledger.local());
        ledger.report.apiCalls(uploads.apiCalls() + downloads.apiCalls() + commits.apiCalls());
        return ledger.report;
    }

    private void describe(SyncReport report, ScanResult scan, RemoteView view, List<Step> steps, SyncOptions options) {
        report.hashed(scan.hashed());
        report.indexRebuilt(index.recovered());
        report.dryRun(options.dryRun());
        report.planned(steps);
        report.apiCalls(view.apiCalls());
        ignore.warnings().forEach(report::warning);
        scan.skipped().forEach(report::warning);
        view.refused().forEach(r -> report.failure(new SyncReport.Failure("(remote)", r)));
        report.warnings().forEach(progress::warn);
    }

    private static boolean isFolder(VaultPath path, Map<VaultPath, IndexRow> rows, RemoteView view) {
        IndexRow row = rows.get(path);
        return view.remoteOf(path, row).folder() || (row != null && Folder.is(row.ancestor().content()));
    }

    /**
     * A local file for each content, the first by path: a download of content some file already holds
     * (a rename, a copy) copies it, and a chunked one reads the chunks the index says it holds.
     */
    private static Map<ContentHash, LocalFile> byHash(Map<VaultPath, LocalFile> local) {
        Map<ContentHash, LocalFile> byHash = new HashMap<>();
        local.values().stream().filter(f -> !f.folder()).sorted((a, b) -> a.path().compareTo(b.path()))
                .forEach(f -> byHash.putIfAbsent(f.hash(), f));
        return byHash;
    }

    /** The chunk lists of contents no local file holds any more go: the index keeps lists of local files only. */
    private void forgetChunkLists(ChunkIndex chunkLists, Map<VaultPath, LocalFile> local) {
        Set<ContentHash> held = new HashSet<>();
        local.values().stream().filter(f -> chunkSizes.chunked(f.size())).forEach(f -> held.add(f.hash()));
        try {
            chunkLists.retain(held);
        } catch (UncheckedIOException e) {
            progress.warn("could not tidy the chunk lists of the index (" + e.getMessage() + ")");
        }
    }
}
