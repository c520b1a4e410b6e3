package io.skysync.client.testing;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.remote.RemoteVault;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link RemoteVault} whose every answer a test scripts, for what an honest server never says:
 * an empty listing after {@code cursor_expired}, entries outside the root, conflicts naming other
 * paths. Unscripted calls answer "nothing changed" and commit everything; every call is recorded.
 */
public final class ScriptedVault implements RemoteVault {
    public Function<PlanRequest, PlanResponse> plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
    public BiFunction<Long, Integer, ChangesResponse> changes = (since, limit) -> new ChangesResponse(List.of(), since, false);
    public BiFunction<String, Integer, FilesResponse> files = (after, limit) -> new FilesResponse(List.of(), 0, null);
    public Function<UploadUrlsRequest, UploadUrlsResponse> uploadUrls = r -> new UploadUrlsResponse(List.of());
    public Function<CommitRequest, CommitResponse> commit = this::commitAll;
    public Function<DownloadUrlsRequest, DownloadUrlsResponse> downloadUrls = r -> new DownloadUrlsResponse(List.of(), List.of());
    public BiFunction<VaultPath, Integer, HistoryResponse> history = (p, limit) -> new HistoryResponse(p.value(), List.of());
    public Function<ContentHash, BlobCheck.Answer> verify = h -> new BlobCheck.Answer(h.hex(), "intact");
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong seq = new AtomicLong();

    /** Every call so far, as "plan", "changes", "files", "upload-urls", "commit", "download-urls", "history <path>", "verify". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public long count(String call) {
        return calls().stream().filter(c -> c.equals(call) || c.startsWith(call + " ")).count();
    }

    /** Commits every entry as version base + 1, at the next seqs of a vault that nobody else writes to. */
    public CommitResponse commitAll(CommitRequest request) {
        List<CommitResultDto> results = new ArrayList<>();
        for (var e : request.entries()) {
            results.add(new CommitResultDto(e.path(), CommitStatus.COMMITTED, e.baseVersion() + 1, seq.incrementAndGet(), null));
        }
        return new CommitResponse(results);
    }

    /** The last seq this vault gave out. */
    public long seq() {
        return seq.get();
    }

    /** A live entry on the wire. */
    public static EntryDto live(String path, long version, ContentHash hash, long size, long seq) {
        return new EntryDto(path, version, hash.hex(), size, 1_000L, false, "other", seq, "2026-01-01T00:00:00Z");
    }

    /** A tombstone on the wire. */
    public static EntryDto tombstone(String path, long version, long seq) {
        return new EntryDto(path, version, null, 0, 0, true, "other", seq, "2026-01-01T00:00:00Z");
    }

    /** An upload URL that nobody serves (for tests whose transfers are faked). */
    public static UploadDto upload(ContentHash hash) {
        return new UploadDto(hash.hex(), "http://127.0.0.1:9/put/" + hash.hex(), "PUT", Map.of(), "2099-01-01T00:00:00Z");
    }

    @Override
    public PlanResponse plan(PlanRequest request) {
        calls.add("plan");
        return plan.apply(request);
    }

    @Override
    public UploadUrlsResponse uploadUrls(UploadUrlsRequest request) {
        calls.add("upload-urls");
        return uploadUrls.apply(request);
    }

    @Override
    public CommitResponse commit(CommitRequest request) {
        calls.add("commit");
        return commit.apply(request);
    }

    @Override
    public ChangesResponse changes(long since, int limit) {
        calls.add("changes");
        return changes.apply(since, limit);
    }

    @Override
    public FilesResponse files(String after, int limit) {
        calls.add("files");
        return files.apply(after, limit);
    }

    @Override
    public DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request) {
        calls.add("download-urls");
        return downloadUrls.apply(request);
    }

    @Override
    public HistoryResponse history(VaultPath path, int limit) {
        calls.add("history " + path);
        return history.apply(path, limit);
    }

    @Override
    public BlobCheck.Answer verifyBlob(ContentHash hash) {
        calls.add("verify");
        return verify.apply(hash);
    }
}
