package io.skysync.client.sync;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResultDto;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.UploadDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.IndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.scan.ScanResult;
import io.skysync.client.scan.Scanner;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictCopyName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One sync of a folder, following design.md: scan, plan, upload the missing blobs, commit
 * (conflicts the server reports go through the policy again), download, apply deletions, then
 * store the index and cursor in one transaction. Every collaborator is passed in (remote, transfers,
 * index, clock, root, hasher), so a simulation can drive it; decisions run on the calling thread
 * only, parallelism stays inside hashing and transfers.
 */
public final class SyncEngine {
    private static final int COMMIT_ROUNDS = 4;
    private static final int MASS_DELETE_MIN = 3;

    private final RemoteVault remote;
    private final Transfers transfers;
    private final IndexStore index;
    private final SafeRoot root;
    private final Clock clock;
    private final Hasher hasher;
    private final IgnoreRules ignore;
    private final int parallelTransfers;
    private final Progress progress;

    public SyncEngine(RemoteVault remote, Transfers transfers, IndexStore index, Path root, Clock clock, Hasher hasher,
                      IgnoreRules ignore, int parallelTransfers, Progress progress) {
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

    /** The state of one run, so helper methods need not pass it around. */
    private final class Run {
        final SyncOptions options;
        final SyncReport report = new SyncReport();
        final RowBook book;
        final RemoteView view;
        final Map<VaultPath, LocalFile> local;
        final LocalPlacer placer = new LocalPlacer(root);
        final BlobMover mover;
        final List<Step.Fetch> fetches = new ArrayList<>();
        final List<Step.RemoveLocal> removals = new ArrayList<>();
        final Set<Long> ownSeqs = new HashSet<>();
        final Set<VaultPath> reserved = new HashSet<>();
        final long startCursor;

        Run(SyncOptions options, Map<VaultPath, IndexRow> rows, RemoteView view, Map<VaultPath, LocalFile> local,
            long startCursor) {
            this.options = options;
            this.startCursor = startCursor;
            this.book = new RowBook(rows);
            this.view = view;
            this.local = local;
            this.mover = new BlobMover(remote, transfers, new TransferPool(parallelTransfers), placer, progress);
            reserved.addAll(rows.keySet());
            reserved.addAll(local.keySet());
            reserved.addAll(view.entries().keySet());
        }
    }

    public SyncReport run(SyncOptions options) throws IOException {
        Map<VaultPath, IndexRow> rows = index.load();
        long cursor = index.cursor();
        progress.phase("scan", 0, 0);
        ScanResult scan = new Scanner(root.root(), ignore, hasher, clock).scan(rows);
        Predicate<VaultPath> excluded = p -> ignore.ignored(p) || scan.unreadable().contains(p);
        guardEmptyRoot(rows, scan, options);

        List<LocalChangeDto> changes = Planner.localChanges(rows, scan.files(), excluded, options);
        RemoteView view = new RemoteFeed(remote).fetch(cursor, changes, options.dryRun());
        Lineage.Looked looked = Lineage.fromHistory(Lineage.repair(rows, scan.files(), view), scan.files(), view,
                excluded, remote);
        Map<VaultPath, IndexRow> known = looked.rows();
        List<Step> steps = Planner.plan(known, scan.files(), view, excluded, options);
        guardMassDelete(steps, known, view, options);

        Run run = new Run(options, known, view, scan.files(), cursor);
        SyncReport report = run.report;
        report.hashed = scan.hashed();
        report.indexRebuilt = index.recovered();
        report.dryRun = options.dryRun();
        report.planned.addAll(steps);
        scan.skipped().forEach(report.warnings::add);
        view.refused().forEach(r -> report.failures.add(new SyncReport.Failure("(remote)", r)));
        report.warnings.forEach(progress::warn);
        if (options.dryRun()) {
            report.apiCalls = view.apiCalls() + looked.apiCalls();
            return report;
        }
        removeStaleTemps(scan);
        run.book.applyScan(scan.files(), excluded, scan.racyFromNanos());
        run.book.applyRemote(view);
        // Before anything changes on either side, record what this run saw (the scan, the remote
        // state, the repaired ancestors), with the old cursor: if the run dies after a commit or a
        // download, the next run can tell by content that the other side is its own doing.
        if (run.book.hasChanges()) {
            index.save(run.book.changed(), run.book.removed(), cursor);
        }

        List<Step.Commit> commits = new ArrayList<>();
        for (Step step : steps) {
            dispatch(run, step, commits);
        }
        commitAll(run, commits);
        fetchAll(run);
        removeAll(run);
        long newCursor = view.cursor();
        while (run.ownSeqs.contains(newCursor + 1)) {
            newCursor++;
        }
        index.save(run.book.changed(), run.book.removed(), newCursor);
        report.apiCalls += view.apiCalls() + looked.apiCalls();
        return report;
    }

    private void guardEmptyRoot(Map<VaultPath, IndexRow> rows, ScanResult scan, SyncOptions options) {
        long synced = rows.values().stream().filter(r -> r.syncedVersion() > 0 && r.syncedHash() != null).count();
        if (scan.files().isEmpty() && synced > 0 && !options.allowMassDelete()) {
            throw new SafetyStop("the folder " + root.root() + " is empty but " + synced + " files were synced from it"
                    + " (an unmounted drive?); nothing was deleted. If you really deleted everything, run again with"
                    + " --allow-mass-delete");
        }
    }

    private void guardMassDelete(List<Step> steps, Map<VaultPath, IndexRow> rows, RemoteView view, SyncOptions options) {
        long deletions = steps.stream().filter(s -> s instanceof Step.Commit c && c.deletion()).count();
        if (options.allowMassDelete() || deletions < MASS_DELETE_MIN) {
            return;
        }
        Set<VaultPath> paths = new TreeSet<>(rows.keySet());
        paths.addAll(view.entries().keySet());
        long live = paths.stream().filter(p -> Planner.remoteOf(p, rows.get(p), view).live()).count();
        if (deletions * 100 > (long) options.maxDeletePercent() * live) {
            throw new SafetyStop("this sync would delete " + deletions + " of the vault's " + live + " files, more than "
                    + options.maxDeletePercent() + "%; nothing was deleted. If that is what you want, run again with"
                    + " --allow-mass-delete (or raise --max-delete)");
        }
    }

    private void hold(Run run, Step.Hold hold) {
        if (hold.conflict()) {
            run.report.conflicts.add(new SyncReport.Conflict(hold.path().value(), null, hold.reason()));
        } else {
            run.report.waiting.add(hold.path().value());
        }
    }

    /** Keep-both: rename the local file to its conflict copy (committed as a new file), fetch the remote version. */
    private void keepBoth(Run run, Step.KeepBoth both, List<Step.Commit> commits) {
        VaultPath copy = ConflictCopyName.of(both.path(), run.options.deviceName(), clock.instant());
        if (!run.reserved.add(copy)) {
            fail(run, both.path(), "its conflict copy name " + copy + " is taken; sync again in a second");
            return;
        }
        String parent = parentOf(both.local().localName());
        String copyLocalName = parent.isEmpty() ? copy.fileName() : parent + "/" + copy.fileName();
        try {
            LocalFile copied = run.placer.rename(both.local(), copy, copyLocalName);
            run.book.setLocal(both.path(), null);
            run.book.setLocal(copy, copied);
            // Recorded at once: if the run dies after the copy is committed, the next run knows it as its own.
            index.save(run.book.changed(), run.book.removed(), run.startCursor);
            commits.add(new Step.Commit(copy, 0, copied, RemoteFile.ABSENT));
            run.fetches.add(new Step.Fetch(both.path(), both.remote(), null));
            run.report.conflicts.add(new SyncReport.Conflict(both.path().value(), copy.value(),
                    "kept both: the remote version keeps the name, the local one is " + copy.fileName()));
            progress.file("conflict", both.path() + " -> " + copy.fileName());
        } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            fail(run, both.path(), BlobMover.reason(e));
        }
    }

    private void commitAll(Run run, List<Step.Commit> initial) {
        List<Step.Commit> pending = uploadBlobs(run, initial, run.view.uploads());
        Set<VaultPath> replanned = new HashSet<>();
        for (int round = 0; round < COMMIT_ROUNDS && !pending.isEmpty(); round++) {
            List<Step.Commit> next = new ArrayList<>();
            List<Step.Commit> missing = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += RemoteFeed.PAGE) {
                List<Step.Commit> batch = pending.subList(from, Math.min(pending.size(), from + RemoteFeed.PAGE));
                List<CommitResultDto> results;
                try {
                    run.report.apiCalls++;
                    results = remote.commit(new CommitRequest(batch.stream().map(SyncEngine::entry).toList())).results();
                } catch (SkysyncException e) {
                    batch.forEach(c -> fail(run, c.path(), e.getMessage()));
                    continue;
                }
                for (int i = 0; i < batch.size(); i++) {
                    Step.Commit c = batch.get(i);
                    CommitResultDto result = i < results.size() ? results.get(i) : null;
                    String status = result == null ? "" : result.status().wireName();
                    switch (status) {
                        case "committed" -> committed(run, c, result);
                        case "conflict" -> lostRace(run, c, result, next);
                        case "missing_blob" -> {
                            if (replanned.add(c.path())) {
                                missing.add(c);
                            } else {
                                fail(run, c.path(), "the server still misses its content after an upload");
                            }
                        }
                        default -> fail(run, c.path(), "the server gave no result for it");
                    }
                }
            }
            next.addAll(reupload(run, missing));
            pending = next;
        }
        pending.forEach(c -> fail(run, c.path(), "still conflicting after " + COMMIT_ROUNDS + " rounds; sync again"));
    }

    /** Uploads the blobs these commits need that the server asked for; drops (and reports) commits whose blob failed. */
    private List<Step.Commit> uploadBlobs(Run run, List<Step.Commit> commits, Map<ContentHash, UploadDto> urls) {
        Map<ContentHash, LocalFile> sources = new LinkedHashMap<>();
        for (Step.Commit c : commits) {
            if (!c.deletion() && urls.containsKey(c.local().hash())) {
                sources.putIfAbsent(c.local().hash(), c.local());
            }
        }
        if (sources.isEmpty()) {
            return commits;
        }
        Map<ContentHash, String> failed = run.mover.upload(sources, urls, run.view.cursor());
        run.report.blobsUploaded += sources.size() - failed.size();
        sources.forEach((hash, file) -> {
            if (!failed.containsKey(hash)) {
                run.report.bytesUploaded += file.size();
            }
        });
        List<Step.Commit> kept = new ArrayList<>();
        for (Step.Commit c : commits) {
            String reason = c.deletion() ? null : failed.get(c.local().hash());
            if (reason == null) {
                kept.add(c);
            } else {
                fail(run, c.path(), "upload failed: " + reason);
            }
        }
        return kept;
    }

    /** The server lacks the blob at commit time (an upload was lost): ask for URLs again, upload, retry. */
    private List<Step.Commit> reupload(Run run, List<Step.Commit> missing) {
        if (missing.isEmpty()) {
            return List.of();
        }
        List<LocalChangeDto> changes = missing.stream().map(c -> new LocalChangeDto(c.path().value(), c.base(),
                c.local().hash().hex(), c.local().size(), false)).toList();
        Map<ContentHash, UploadDto> urls = new HashMap<>();
        try {
            run.report.apiCalls++;
            remote.plan(new PlanRequest(run.view.cursor(), changes)).uploads()
                    .forEach(u -> urls.put(new ContentHash(u.hash()), u));
        } catch (SkysyncException e) {
            missing.forEach(c -> fail(run, c.path(), e.getMessage()));
            return List.of();
        }
        return uploadBlobs(run, missing, urls);
    }

    private void committed(Run run, Step.Commit c, CommitResultDto result) {
        long version = result.version() == null ? 0 : result.version();
        RemoteFile now = c.deletion() ? new RemoteFile(version, null, 0, 0)
                : new RemoteFile(version, c.local().hash(), c.local().size(), c.local().mtimeMillis());
        run.book.setSynced(c.path(), now);
        if (result.seq() != null) {
            run.ownSeqs.add(result.seq());
        }
        if (c.deletion()) {
            run.report.deletedRemote.add(c.path().value());
            progress.file("deleted remotely", c.path().value());
        } else {
            run.report.uploaded.add(c.path().value());
            progress.file("sent", c.path().value());
        }
    }

    /** Another device won the race for this path: decide again against what it wrote, through the same policy. */
    private void lostRace(Run run, Step.Commit c, CommitResultDto result, List<Step.Commit> next) {
        RemoteFile now;
        try {
            now = result.remote() == null ? RemoteFile.ABSENT : RemoteFile.of(result.remote().toDomain());
        } catch (SkysyncException e) {
            fail(run, c.path(), "the server answered an invalid entry: " + e.getMessage());
            return;
        }
        run.book.setRemote(c.path(), now);
        Step step = Planner.decide(c.path(), run.book.row(c.path()).ancestor(), c.local(), now, run.options);
        if (step != null) {
            dispatch(run, step, next);
        }
    }

    /** Files a step under the phase that carries it out. */
    private void dispatch(Run run, Step step, List<Step.Commit> commits) {
        if (step instanceof Step.Adopt adopt) {
            run.book.setSynced(adopt.path(), adopt.remote());
        } else if (step instanceof Step.Commit commit) {
            commits.add(commit);
        } else if (step instanceof Step.Fetch fetch) {
            run.fetches.add(fetch);
        } else if (step instanceof Step.RemoveLocal removal) {
            run.removals.add(removal);
        } else if (step instanceof Step.KeepBoth both) {
            keepBoth(run, both, commits);
        } else if (step instanceof Step.Hold hold) {
            hold(run, hold);
        }
    }

    private void fetchAll(Run run) {
        if (run.fetches.isEmpty()) {
            return;
        }
        Map<ContentHash, LocalFile> byHash = new HashMap<>();
        run.local.values().forEach(f -> byHash.putIfAbsent(f.hash(), f));
        Map<VaultPath, BlobMover.Fetching> jobs = new LinkedHashMap<>();
        for (Step.Fetch fetch : run.fetches) {
            String localName = fetch.expectedLocal() != null ? fetch.expectedLocal().localName() : fetch.path().value();
            jobs.put(fetch.path(), new BlobMover.Fetching(fetch, localName, byHash.get(fetch.remote().hash())));
        }
        List<BlobMover.Fetched> results;
        try {
            run.report.apiCalls++;
            results = run.mover.download(new ArrayList<>(jobs.values()));
        } catch (SkysyncException e) {
            jobs.keySet().forEach(p -> fail(run, p, e.getMessage()));
            return;
        }
        for (BlobMover.Fetched fetched : results) {
            Step.Fetch step = fetched.job().step();
            if (fetched.error() != null) {
                fail(run, step.path(), fetched.error());
                continue;
            }
            try {
                LocalFile placed = run.placer.place(fetched.temp(), fetched.target(), step.path(), fetched.job().localName(),
                        step.expectedLocal(), step.remote());
                run.book.setLocal(step.path(), placed);
                run.book.setSynced(step.path(), step.remote());
                run.report.downloaded.add(step.path().value());
                run.report.bytesDownloaded += step.remote().size();
                progress.file("received", step.path().value());
            } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
                fail(run, step.path(), BlobMover.reason(e));
            }
        }
    }

    private void removeAll(Run run) {
        for (Step.RemoveLocal removal : run.removals) {
            try {
                run.placer.delete(removal.expectedLocal().localName(), removal.expectedLocal());
                run.book.setLocal(removal.path(), null);
                run.book.setSynced(removal.path(), removal.remote());
                run.report.deletedLocal.add(removal.path().value());
                progress.file("deleted", removal.path().value());
            } catch (IOException | UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
                fail(run, removal.path(), BlobMover.reason(e));
            }
        }
    }

    private void removeStaleTemps(ScanResult scan) {
        for (Path temp : scan.staleTemps()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                progress.warn("cannot remove the stale temp file " + root.root().relativize(temp) + ": " + e.getMessage());
            }
        }
    }

    private void fail(Run run, VaultPath path, String reason) {
        run.report.failures.add(new SyncReport.Failure(path.value(), reason));
        progress.warn(path + ": " + reason);
    }

    private static CommitEntryDto entry(Step.Commit c) {
        if (c.deletion()) {
            return new CommitEntryDto(c.path().value(), c.base(), null, null, null, true);
        }
        LocalFile f = c.local();
        return new CommitEntryDto(c.path().value(), c.base(), f.hash().hex(), f.size(), f.mtimeMillis(), false);
    }

    private static String parentOf(String localName) {
        int slash = localName.lastIndexOf('/');
        return slash < 0 ? "" : localName.substring(0, slash);
    }
}
