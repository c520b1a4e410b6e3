package io.skysync.client.remote;

import io.skysync.api.ChangesResponse;
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
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import okhttp3.HttpUrl;

/** {@link RemoteVault} over HTTP. */
public final class HttpRemoteVault implements RemoteVault {
    private final ApiClient api;
    private final VaultId vault;

    public HttpRemoteVault(ApiClient api, VaultId vault) {
        this.api = api;
        this.vault = vault;
    }

    private HttpUrl.Builder vaultUrl(String action) {
        return api.url().addPathSegments("v1/vaults").addPathSegment(vault.value()).addPathSegments(action);
    }

    @Override
    public PlanResponse plan(PlanRequest request) {
        return api.post(vaultUrl("plan").build(), request, PlanResponse.class);
    }

    @Override
    public UploadUrlsResponse uploadUrls(UploadUrlsRequest request) {
        return api.post(vaultUrl("upload-urls").build(), request, UploadUrlsResponse.class);
    }

    @Override
    public BlobCheck.Answer verifyBlob(ContentHash hash) {
        return api.post(vaultUrl("blobs/verify").build(), new BlobCheck.Request(hash.hex()), BlobCheck.Answer.class);
    }

    @Override
    public CommitResponse commit(CommitRequest request) {
        return api.post(vaultUrl("commit").build(), request, CommitResponse.class);
    }

    @Override
    public ChangesResponse changes(long since, int limit) {
        return api.get(vaultUrl("changes").addQueryParameter("since", Long.toString(since))
                .addQueryParameter("limit", Integer.toString(limit)).build(), ChangesResponse.class);
    }

    @Override
    public FilesResponse files(String after, int limit) {
        HttpUrl.Builder url = vaultUrl("files").addQueryParameter("limit", Integer.toString(limit));
        if (after != null) {
            url.addQueryParameter("after", after);
        }
        return api.get(url.build(), FilesResponse.class);
    }

    @Override
    public DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request) {
        return api.post(vaultUrl("download-urls").build(), request, DownloadUrlsResponse.class);
    }

    @Override
    public HistoryResponse history(VaultPath path, int limit) {
        HttpUrl.Builder url = vaultUrl("files");
        for (String segment : path.value().split("/")) {
            url.addPathSegment(segment);
        }
        return api.get(url.addPathSegment("history").addQueryParameter("limit", Integer.toString(limit)).build(),
                HistoryResponse.class);
    }
}
