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
import io.skysync.domain.VaultPath;

/**
 * One vault's API as a device sees it. Every method throws {@link io.skysync.error.SkysyncException}
 * with the server's error code ({@code CURSOR_EXPIRED} for a cursor older than the kept log,
 * {@code UNAVAILABLE} when the endpoint cannot be reached after retries).
 */
public interface RemoteVault {

    PlanResponse plan(PlanRequest request);

    CommitResponse commit(CommitRequest request);

    ChangesResponse changes(long since, int limit);

    /** One page of the current manifest by path; {@code after} null starts at the beginning. */
    FilesResponse files(String after, int limit);

    DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request);

    HistoryResponse history(VaultPath path, int limit);
}
