package io.skysync.client.sync;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One round of commits, in batches of one commit call each: a batch's blobs are sent
 * ({@link BlobUploads}), then its entries are committed. With more than one transfer allowed, a
 * batch's commit call runs while the next batch's blobs are sent (a first sync's commits no longer
 * wait for all its uploads, nor its uploads for the commits); its answer is read on the calling
 * thread either way. Each answer is an outcome for the {@link RunLedger}: {@code committed},
 * a {@code conflict} (handed back with the entry that won, for the planner to decide again), or
 * {@code missing_blob} (the blob is sent again once, then the entry committed again). A
 * {@code forbidden} answer means the device was made read-only: its changes stay here.
 */
final class CommitRound {
    private final RemoteVault remote;
    private final BlobUploads uploads;
    private final RunLedger ledger;
    private final boolean overlap;
    private int apiCalls;

    CommitRound(RemoteVault remote, BlobUploads uploads, RunLedger ledger) {
        this(remote, uploads, ledger, 1);
    }

    /** @param transfers how many transfers may run at once; with one, nothing overlaps (the simulation's order) */
    CommitRound(RemoteVault remote, BlobUploads uploads, RunLedger ledger, int transfers) {
        this.remote = remote;
        this.uploads = uploads;
        this.ledger = ledger;
        this.overlap = transfers > 1;
    }

    int apiCalls() {
        return apiCalls;
    }

    /** Commits {@code commits}; returns the paths that met a conflict, with the remote state that won. */
    Map<VaultPath, RemoteFile> run(List<Step.Commit> commits) {
        Map<VaultPath, RemoteFile> conflicts = new LinkedHashMap<>();
        Set<VaultPath> resent = new HashSet<>();
        Map<ContentHash, String> checked = new HashMap<>();
        List<Step.Commit> missing = sendAndCommit(commits, conflicts);
        while (!missing.isEmpty()) {
            List<Step.Commit> again = new ArrayList<>();
            for (Step.Commit c : missing) {
                if (resent.add(c.path())) {
                    again.add(c);
                } else {
                    ledger.failed(c.path(), "the server still misses its content after an upload; "
                            + checked.computeIfAbsent(c.local().hash(), this::check));
                }
            }
            missing = sendAndCommit(again, conflicts);
        }
        return conflicts;
    }

    /**
     * Sends and commits {@code commits} one call's batch at a time, the next batch's blobs while the
     * last batch commits; returns the commits answered {@code missing_blob}. No commit call of its
     * own is still running when this returns or throws.
     */
    private List<Step.Commit> sendAndCommit(List<Step.Commit> commits, Map<VaultPath, RemoteFile> conflicts) {
        List<Step.Commit> missing = new ArrayList<>();
        ExecutorService committer = overlap && commits.size() > RemoteFeed.PAGE ? committer() : null;
        InFlight last = null;
        try {
            for (int from = 0; from < commits.size(); from += RemoteFeed.PAGE) {
                List<Step.Commit> ready = send(commits.subList(from, Math.min(commits.size(), from + RemoteFeed.PAGE)));
                if (last != null) {
                    InFlight answered = last;
                    last = null;
                    settle(answered, conflicts, missing);
                }
                if (!ready.isEmpty()) {
                    last = start(ready, committer);
                }
            }
            if (last != null) {
                InFlight answered = last;
                last = null;
                settle(answered, conflicts, missing);
            }
        } finally {
            if (last != null) {
                last.answer().exceptionally(e -> null).join();
            }
            if (committer != null) {
                committer.shutdown();
            }
        }
        return missing;
    }

    /** A commit call under way, and the batch it carries. */
    private record InFlight(List<Step.Commit> batch, CompletableFuture<CommitResponse> answer) {
    }

    /** Sends the batch's commit call: on {@code committer} if there is one, else at once on this thread. */
    private InFlight start(List<Step.Commit> batch, ExecutorService committer) {
        CommitRequest request = new CommitRequest(batch.stream().map(this::entry).toList());
        apiCalls++;
        if (committer != null) {
            return new InFlight(batch, CompletableFuture.supplyAsync(() -> remote.commit(request), committer));
        }
        try {
            return new InFlight(batch, CompletableFuture.completedFuture(remote.commit(request)));
        } catch (SkysyncException e) {
            return new InFlight(batch, CompletableFuture.failedFuture(e));
        }
    }

    private static ExecutorService committer() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "skysync-commit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes a commit call's answer into the ledger; anything but the API's own error is thrown as it was. */
    private void settle(InFlight call, Map<VaultPath, RemoteFile> conflicts, List<Step.Commit> missing) {
        CommitResponse response;
        try {
            response = call.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SkysyncException refused) {
                refuseAll(call.batch(), refused);
                return;
            }
            throw e.getCause() instanceof RuntimeException other ? other : e;
        }
        results(call.batch(), response == null ? null : response.results(), conflicts, missing);
    }

    /** Sends the blobs of these commits; returns the commits whose blob is now stored (or is a deletion). */
    private List<Step.Commit> send(List<Step.Commit> commits) {
        Map<ContentHash, LocalFile> sources = new LinkedHashMap<>();
        commits.stream().filter(c -> !c.deletion() && !c.local().folder())
                .forEach(c -> sources.putIfAbsent(c.local().hash(), c.local()));
        if (sources.isEmpty()) {
            return commits;
        }
        BlobUploads.Sent sent;
        try {
            sent = uploads.send(sources);
        } catch (SkysyncException e) {
            refuseAll(commits, e);
            return List.of();
        }
        ledger.report.blobsSent(sent.uploaded().size(), sent.bytes());
        List<Step.Commit> kept = new ArrayList<>();
        for (Step.Commit c : commits) {
            String reason = c.deletion() || c.local().folder() ? null : sent.failed().get(c.local().hash());
            if (reason == null) {
                kept.add(c);
            } else {
                ledger.failed(c.path(), "upload failed: " + reason);
            }
        }
        return kept;
    }

    private void results(List<Step.Commit> batch, List<CommitResultDto> results, Map<VaultPath, RemoteFile> conflicts,
                         List<Step.Commit> missing) {
        for (int i = 0; i < batch.size(); i++) {
            Step.Commit c = batch.get(i);
            CommitResultDto result = results != null && i < results.size() ? results.get(i) : null;
            if (result == null || result.status() == null || !c.path().value().equals(result.path())) {
                ledger.failed(c.path(), "the server gave no result for it");
                continue;
            }
            switch (result.status()) {
                case COMMITTED -> ledger.committed(c, result);
                case MISSING_BLOB -> missing.add(c);
                case CONFLICT -> conflict(c, result, conflicts);
            }
        }
    }

    private void conflict(Step.Commit c, CommitResultDto result, Map<VaultPath, RemoteFile> conflicts) {
        List<String> refused = new ArrayList<>();
        ManifestEntry entry = result.remote() == null ? null : Entries.parse(result.remote(), refused);
        if (!refused.isEmpty() || (entry != null && !entry.path().equals(c.path()))) {
            ledger.failed(c.path(), "the server answered a conflict with an invalid entry");
            return;
        }
        RemoteFile won = RemoteFile.of(entry);
        ledger.seenRemote(c.path(), won);
        conflicts.put(c.path(), won);
    }

    /**
     * Asks the server to check the blob it holds under {@code hash}: bytes of another size under its
     * name (planted through an upload URL that cannot pin the content) block every create-only
     * upload of it, and no reader ever sees them, so the uploader is the one to report them.
     */
    private String check(ContentHash hash) {
        try {
            apiCalls++;
            BlobCheck.Answer answer = remote.verifyBlob(hash);
            return answer.removed() ? "the server found its stored copy wrong and removed it; the next sync sends it again"
                    : "the server says its stored copy is " + answer.status();
        } catch (SkysyncException e) {
            return "the server could not check its stored copy (" + e.getMessage() + ")";
        }
    }

    /** A revoked device's run ends here, loudly; a busy server fails this batch only; a read-only one holds it. */
    private void refuseAll(List<Step.Commit> commits, SkysyncException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            throw e;
        }
        for (Step.Commit c : commits) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                ledger.writeRefused(c.path());
            } else {
                ledger.failed(c.path(), e.getMessage());
            }
        }
    }

    private CommitEntryDto entry(Step.Commit c) {
        if (c.deletion()) {
            return new CommitEntryDto(c.path().value(), c.base().value(), null, null, null, true);
        }
        LocalFile f = c.local();
        if (f.folder()) {
            return new CommitEntryDto(c.path().value(), c.base().value(), null, null, null, null, true, null);
        }
        ContentHash recipe = uploads.recipeOf(f.hash());
        return new CommitEntryDto(c.path().value(), c.base().value(), f.hash().hex(), f.size(), f.mtimeMillis(), false,
                recipe == null ? null : recipe.hex(), null, f.executable());
    }
}
