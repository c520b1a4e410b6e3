package io.skysync.client.sync;

import io.skysync.api.ChangesResponse;
import io.skysync.api.ChunkUrlsRequest;
import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.remote.RemoteVault;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;

/** A real vault with every call passed on: a test overrides the one call it makes go wrong. */
abstract class ForwardingVault implements RemoteVault {
    protected final RemoteVault remote;

    ForwardingVault(RemoteVault remote) {
        this.remote = remote;
    }

    @Override
    public PlanResponse plan(PlanRequest request) {
        return remote.plan(request);
    }

    @Override
    public UploadUrlsResponse uploadUrls(UploadUrlsRequest request) {
        return remote.uploadUrls(request);
    }

    @Override
    public CommitResponse commit(CommitRequest request) {
        return remote.commit(request);
    }

    @Override
    public ChangesResponse changes(long since, int limit) {
        return remote.changes(since, limit);
    }

    @Override
    public FilesResponse files(String after, int limit) {
        return remote.files(after, limit);
    }

    @Override
    public DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request) {
        return remote.downloadUrls(request);
    }

    @Override
    public ChunkUrlsResponse chunkUrls(ChunkUrlsRequest request) {
        return remote.chunkUrls(request);
    }

    @Override
    public HistoryResponse history(VaultPath path, int limit) {
        return remote.history(path, limit);
    }

    @Override
    public BlobCheck.Answer verifyBlob(ContentHash hash) {
        return remote.verifyBlob(hash);
    }
}
