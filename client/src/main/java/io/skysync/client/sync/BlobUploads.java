package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends blobs to storage: asks {@code POST /upload-urls} which of them the vault lacks (a blob it
 * holds, a copy or a rename, is never sent again), then uploads those in parallel, each from one
 * local file that holds it. An upload URL that expired is asked for again, once. The bytes are
 * hashed as they stream ({@code FileBody}), so a file that changed since the scan is never stored
 * under its old hash. Decides nothing about what to sync.
 */
final class BlobUploads {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final LocalPlacer placer;
    private final Progress progress;
    private int apiCalls;

    BlobUploads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, Progress progress) {
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.progress = progress;
    }

    /** What one batch of uploads did. */
    record Sent(Map<ContentHash, LocalFile> uploaded, Map<ContentHash, String> failed) {
    }

    /**
     * Uploads what the vault lacks of {@code sources}. Throws the API's error (a read-only device
     * meets {@code FORBIDDEN} here, before any byte is sent).
     */
    Sent send(Map<ContentHash, LocalFile> sources) {
        Map<ContentHash, UploadDto> urls = urls(sources);
        Map<ContentHash, LocalFile> wanted = new LinkedHashMap<>();
        urls.keySet().forEach(hash -> {
            if (sources.containsKey(hash)) {
                wanted.put(hash, sources.get(hash));
            }
        });
        return upload(wanted, urls);
    }

    /** Uploads to URLs the vault handed out itself (repairs of content it lost): no upload-urls call. */
    Sent sendTo(Map<ContentHash, LocalFile> sources, Map<ContentHash, UploadDto> urls) {
        return upload(sources, urls);
    }

    int apiCalls() {
        return apiCalls;
    }

    private Sent upload(Map<ContentHash, LocalFile> wanted, Map<ContentHash, UploadDto> urls) {
        if (wanted.isEmpty()) {
            return new Sent(Map.of(), Map.of());
        }
        List<Map.Entry<ContentHash, LocalFile>> jobs = new ArrayList<>(wanted.entrySet());
        progress.phase("upload", jobs.size(), jobs.stream().mapToLong(e -> e.getValue().size()).sum());
        var outcomes = pool.run(jobs, job -> {
            uploadOne(job.getValue(), urls.get(job.getKey()));
            progress.transferred();
            return job.getValue();
        });
        progress.done();
        Map<ContentHash, LocalFile> uploaded = new LinkedHashMap<>();
        Map<ContentHash, String> failed = new LinkedHashMap<>();
        for (var outcome : outcomes) {
            if (outcome.ok()) {
                uploaded.put(outcome.item().getKey(), outcome.value());
            } else {
                failed.put(outcome.item().getKey(), Reasons.of(outcome.error()));
            }
        }
        return new Sent(uploaded, failed);
    }

    private void uploadOne(LocalFile file, UploadDto url) throws TransferException, UnsafePathException {
        Path source = placer.source(file);
        try {
            transfers.upload(source, file.size(), url, progress::bytes);
        } catch (TransferException e) {
            if (e.kind() != TransferException.Kind.EXPIRED) {
                throw e;
            }
            UploadDto fresh = freshUrl(file);
            if (fresh != null) {
                transfers.upload(source, file.size(), fresh, progress::bytes);
            }
        }
    }

    /** A new URL for one blob; null if the vault holds the blob meanwhile (nothing left to send). */
    private synchronized UploadDto freshUrl(LocalFile file) {
        apiCalls++;
        return remote.uploadUrls(new UploadUrlsRequest(List.of(new UploadUrlsRequest.BlobRef(file.hash().hex(), file.size()))))
                .uploads().stream().filter(u -> file.hash().hex().equals(u.hash())).findFirst().orElse(null);
    }

    private Map<ContentHash, UploadDto> urls(Map<ContentHash, LocalFile> sources) {
        List<UploadUrlsRequest.BlobRef> refs = new ArrayList<>();
        sources.forEach((hash, file) -> refs.add(new UploadUrlsRequest.BlobRef(hash.hex(), file.size())));
        Map<ContentHash, UploadDto> urls = new HashMap<>();
        for (int from = 0; from < refs.size(); from += RemoteFeed.PAGE) {
            apiCalls++;
            List<UploadDto> uploads = remote.uploadUrls(new UploadUrlsRequest(
                    refs.subList(from, Math.min(refs.size(), from + RemoteFeed.PAGE)))).uploads();
            for (UploadDto upload : uploads == null ? List.<UploadDto>of() : uploads) {
                if (upload != null && upload.hash() != null && ContentHash.isValid(upload.hash())) {
                    urls.put(new ContentHash(upload.hash()), upload);
                }
            }
        }
        return urls;
    }
}
