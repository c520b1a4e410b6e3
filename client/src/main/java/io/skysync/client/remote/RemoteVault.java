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
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;

/**
 * One vault's API as a device sees it. Every method throws {@link SkysyncException} with the
 * server's error code ({@code CURSOR_EXPIRED} for a cursor older than the kept log,
 * {@code FORBIDDEN} for a write by a read-only device, {@code UNAVAILABLE} when the endpoint
 * cannot be reached after retries), or a {@link BadAnswerException} for an answer the API would
 * never give.
 */
public interface RemoteVault {

    PlanResponse plan(PlanRequest request);

    /** Presigned uploads for the blobs of the batch the vault does not hold. */
    UploadUrlsResponse uploadUrls(UploadUrlsRequest request);

    CommitResponse commit(CommitRequest request);

    ChangesResponse changes(long since, int limit);

    /** One page of the current manifest by path; {@code after} null starts at the beginning. */
    FilesResponse files(String after, int limit);

    DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request);

    HistoryResponse history(VaultPath path, int limit);

    /** Asks the server to check a stored blob whose download did not match its hash. */
    BlobCheck.Answer verifyBlob(ContentHash hash);
}
