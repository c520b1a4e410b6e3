package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.client.index.ChunkIndex;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkSizes;
import io.skysync.domain.ContentHash;
import io.skysync.error.SkysyncException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final ChunkedUploads chunked;
    private final Map<ContentHash, ContentHash> recipes = new ConcurrentHashMap<>();
    private int apiCalls;

    BlobUploads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, Progress progress) {
        this(remote, transfers, pool, placer, progress, ChunkSizes.DEFAULT, ChunkIndex.NONE);
    }

    /** With the index's chunk lists, which a chunked upload reads instead of cutting the file again and adds to. */
    BlobUploads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, Progress progress,
                ChunkSizes sizes, ChunkIndex index) {
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.progress = progress;
        this.chunked = new ChunkedUploads(remote, transfers, pool, placer.staging(), progress, sizes, index);
    }

    /** What one batch of uploads did: {@code uploaded} holds the files that sent bytes (a chunked one: any chunk). */
    record Sent(Map<ContentHash, LocalFile> uploaded, Map<ContentHash, String> failed, long bytes) {
        Sent(Map<ContentHash, LocalFile> uploaded, Map<ContentHash, String> failed) {
            this(uploaded, failed, uploaded.values().stream().mapToLong(LocalFile::size).sum());
        }
    }

    /** The recipe a big file was sent with (its commit names it), or null for a file of one blob. */
    ContentHash recipeOf(ContentHash content) {
        return recipes.get(content);
    }

    /**
     * Uploads what the vault lacks of {@code sources}. Throws the API's error (a read-only device
     * meets {@code FORBIDDEN} here, before any byte is sent).
     */
    Sent send(Map<ContentHash, LocalFile> sources) {
        Map<ContentHash, LocalFile> whole = new LinkedHashMap<>();
        Map<ContentHash, LocalFile> big = new LinkedHashMap<>();
        sources.forEach((hash, file) -> (chunked.chunked(file.size()) ? big : whole).put(hash, file));
        Map<ContentHash, UploadDto> urls = urls(whole);
        Map<ContentHash, LocalFile> wanted = new LinkedHashMap<>();
        urls.keySet().forEach(hash -> {
            if (whole.containsKey(hash)) {
                wanted.put(hash, whole.get(hash));
            }
        });
        Sent sent = upload(wanted, urls);
        return big.isEmpty() ? sent : sendChunked(big, sent);
    }

    /**
     * Big files one after another, each with its chunks in parallel, so that at most
     * {@code --transfers} transfers run at once.
     */
    private Sent sendChunked(Map<ContentHash, LocalFile> big, Sent sent) {
        Map<ContentHash, LocalFile> uploaded = new LinkedHashMap<>(sent.uploaded());
        Map<ContentHash, String> failed = new LinkedHashMap<>(sent.failed());
        long[] bytes = {sent.bytes()};
        progress.phase("upload", big.size(), big.values().stream().mapToLong(LocalFile::size).sum());
        big.forEach((hash, file) -> {
            try {
                ChunkedUploads.Sent one = chunked.send(file, placer.source(file));
                recipes.put(hash, one.recipe());
                if (one.chunksSent() > 0) {
                    uploaded.put(hash, file);
                    bytes[0] += one.bytesSent();
                }
                progress.transferred();
            } catch (SkysyncException e) {
                // A revoked or read-only device: the whole round is refused, as for files of one blob.
                throw e;
            } catch (Exception e) {
                failed.put(hash, Reasons.of(e));
            }
        });
        progress.done();
        return new Sent(uploaded, failed, bytes[0]);
    }

    /** Uploads to URLs the vault handed out itself (repairs of content it lost): no upload-urls call. */
    Sent sendTo(Map<ContentHash, LocalFile> sources, Map<ContentHash, UploadDto> urls) {
        return upload(sources, urls);
    }

    int apiCalls() {
        return apiCalls + chunked.apiCalls();
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
