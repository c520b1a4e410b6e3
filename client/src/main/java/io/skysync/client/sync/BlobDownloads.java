package io.skysync.client.sync;

import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkSizes;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches remote content into the staging folder, in parallel: from a local file that already
 * holds it (a rename or a copy, verified as it is read), else through presigned GETs (one
 * {@code download-urls} call per 1000 files; an expired URL is asked for once more). Every byte
 * is checked against its SHA-256; when the storage's bytes do not match, the server is asked to
 * check the blob ({@code blobs/verify}) and the file fails for this run, never placed. Results
 * come back in input order; placing them is the next stage's job.
 */
final class BlobDownloads {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final LocalPlacer placer;
    private final StagingArea staging;
    private final Progress progress;
    private final ChunkedDownloads chunked;
    private int apiCalls;

    BlobDownloads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, StagingArea staging,
                  Progress progress) {
        this(remote, transfers, pool, placer, staging, progress, ChunkSizes.DEFAULT, LocalChunks.NONE);
    }

    /** With the chunk lists and local files a chunked download may take chunks from. */
    BlobDownloads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, StagingArea staging,
                  Progress progress, ChunkSizes sizes, LocalChunks reuse) {
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.staging = staging;
        this.progress = progress;
        this.chunked = new ChunkedDownloads(remote, transfers, pool, placer, staging, progress, sizes, reuse);
    }

    /** A download to do, and a local file with the same content if there is one. */
    record Job(Step.Fetch step, LocalFile localCopy) {
    }

    /** A finished download, still in its staged temp file; or why it failed. */
    record Fetched(Job job, Path temp, String error) {
    }

    int apiCalls() {
        return apiCalls + chunked.apiCalls();
    }

    /**
     * Fetches every job; chunked files come after the others, one at a time with their chunks in
     * parallel, so that at most {@code --transfers} transfers run at once.
     */
    List<Fetched> fetch(List<Job> jobs) {
        Map<VaultPath, DownloadUrlsResponse.DownloadDto> urls = urls(jobs.stream()
                .filter(j -> j.localCopy() == null && !empty(j)).map(Job::step).toList());
        progress.phase("download", jobs.size(), jobs.stream().mapToLong(j -> j.step().remote().size()).sum());
        List<Job> whole = new ArrayList<>();
        List<Job> big = new ArrayList<>();
        for (Job job : jobs) {
            DownloadUrlsResponse.DownloadDto url = urls.get(job.step().path());
            (job.localCopy() == null && url != null && url.recipe() != null ? big : whole).add(job);
        }
        Map<Job, Fetched> done = new IdentityHashMap<>();
        for (var outcome : pool.run(whole, job -> fetchOne(job, urls.get(job.step().path())))) {
            done.put(outcome.item(), outcome.ok() ? outcome.value() : new Fetched(outcome.item(), null, Reasons.of(outcome.error())));
            progress.transferred();
        }
        for (Job job : big) {
            try {
                done.put(job, fetchOne(job, urls.get(job.step().path())));
            } catch (Exception e) {
                done.put(job, new Fetched(job, null, Reasons.of(e)));
            }
            progress.transferred();
        }
        progress.done();
        return jobs.stream().map(done::get).toList();
    }

    private Map<VaultPath, DownloadUrlsResponse.DownloadDto> urls(List<Step.Fetch> steps) {
        Map<VaultPath, DownloadUrlsResponse.DownloadDto> urls = new HashMap<>();
        for (int from = 0; from < steps.size(); from += RemoteFeed.PAGE) {
            List<DownloadUrlsRequest.FileRef> refs = steps.subList(from, Math.min(steps.size(), from + RemoteFeed.PAGE))
                    .stream().map(s -> new DownloadUrlsRequest.FileRef(s.path().value(), s.remote().version().value()))
                    .toList();
            urls.putAll(request(refs));
        }
        return urls;
    }

    private synchronized Map<VaultPath, DownloadUrlsResponse.DownloadDto> request(List<DownloadUrlsRequest.FileRef> refs) {
        apiCalls++;
        Map<VaultPath, DownloadUrlsResponse.DownloadDto> out = new HashMap<>();
        List<DownloadUrlsResponse.DownloadDto> answered = remote.downloadUrls(new DownloadUrlsRequest(refs)).urls();
        for (DownloadUrlsResponse.DownloadDto dto : answered == null ? List.<DownloadUrlsResponse.DownloadDto>of() : answered) {
            if (dto != null && VaultPath.isValid(dto.path())) {
                out.put(VaultPath.of(dto.path()), dto);
            }
        }
        return out;
    }

    private Fetched fetchOne(Job job, DownloadUrlsResponse.DownloadDto url) throws Exception {
        RemoteFile remoteFile = job.step().remote();
        Path temp = staging.newTemp(remoteFile.hash());
        if (empty(job)) {
            Files.write(temp, new byte[0]);
        } else if (job.localCopy() != null && copyLocal(job.localCopy(), temp, remoteFile.hash())) {
            progress.bytes(remoteFile.size());
        } else {
            // Asked for up front unless a local copy was to serve; that copy changed since the scan.
            download(job, url != null || job.localCopy() == null ? url : one(job), temp);
        }
        return new Fetched(job, temp, null);
    }

    private void download(Job job, DownloadUrlsResponse.DownloadDto url, Path temp) throws Exception {
        RemoteFile remoteFile = job.step().remote();
        DownloadUrlsResponse.DownloadDto dto = url;
        if (dto == null) {
            throw new TransferException(TransferException.Kind.MISSING, "the server has no content for this version any more");
        }
        if (!remoteFile.hash().hex().equals(dto.hash())) {
            throw new TransferException(TransferException.Kind.REFUSED, "changed again remotely; it will be fetched on the next sync");
        }
        if (dto.recipe() != null) {
            chunked.fetch(dto, remoteFile, job.step().expectedLocal(), temp);
            return;
        }
        try {
            get(dto, temp, remoteFile);
        } catch (TransferException e) {
            if (e.kind() == TransferException.Kind.CHECKSUM) {
                throw new TransferException(e.kind(), e.getMessage() + "; " + check(remoteFile.hash()), e);
            }
            if (e.kind() != TransferException.Kind.EXPIRED) {
                throw e;
            }
            DownloadUrlsResponse.DownloadDto again = one(job);
            if (again == null) {
                throw e;
            }
            get(again, temp, remoteFile);
        }
    }

    private void get(DownloadUrlsResponse.DownloadDto dto, Path temp, RemoteFile remoteFile) throws TransferException {
        transfers.download(new Transfers.Presigned(URI.create(dto.url()), instant(dto.expiresAt())), temp, remoteFile.hash(),
                remoteFile.size(), progress::bytes);
    }

    private DownloadUrlsResponse.DownloadDto one(Job job) {
        Step.Fetch step = job.step();
        return request(List.of(new DownloadUrlsRequest.FileRef(step.path().value(), step.remote().version().value())))
                .get(step.path());
    }

    /** Asks the server to check the stored blob; what it says goes into the file's failure. */
    private synchronized String check(ContentHash hash) {
        try {
            apiCalls++;
            BlobCheck.Answer answer = remote.verifyBlob(hash);
            return answer.removed() ? "the server found the stored copy damaged and removed it; a device that holds the"
                    + " file will upload it again" : "the server says its copy is " + answer.status();
        } catch (SkysyncException e) {
            return "the server could not check its copy (" + e.getMessage() + ")";
        }
    }

    private static boolean empty(Job job) {
        return ContentHash.EMPTY.equals(job.step().remote().hash());
    }

    /** Copies a local file that already holds the content, verifying its hash; false to download instead. */
    private boolean copyLocal(LocalFile source, Path temp, ContentHash expected) {
        if (!placer.unchanged(source)) {
            return false;
        }
        try (InputStream in = Channels.newInputStream(placer.read(source));
             OutputStream out = Files.newOutputStream(temp)) {
            MessageDigest digest = ContentHash.sha256();
            byte[] buffer = new byte[128 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            if (ContentHash.of(digest.digest()).equals(expected)) {
                return true;
            }
        } catch (IOException | UnsafePathException e) {
            progress.warn("could not copy " + source.localName() + " locally (" + Reasons.of(e) + "); downloading it");
        }
        return false;
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
