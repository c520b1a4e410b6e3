package io.skysync.client.sync;

import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.UploadDto;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves blobs in parallel: uploads of the blobs the plan asked for, downloads into temp files.
 * An expired URL is asked for again once. Results come back in input order; nothing here decides
 * what to sync.
 */
final class BlobMover {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final LocalPlacer placer;
    private final Progress progress;

    BlobMover(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, Progress progress) {
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.progress = progress;
    }

    /** Uploads each blob from one local file holding it; returns the blobs that failed, with the reason. */
    Map<ContentHash, String> upload(Map<ContentHash, LocalFile> sources, Map<ContentHash, UploadDto> urls, long cursor) {
        List<Map.Entry<ContentHash, LocalFile>> jobs = new ArrayList<>(sources.entrySet());
        long bytes = jobs.stream().mapToLong(e -> e.getValue().size()).sum();
        progress.phase("upload", jobs.size(), bytes);
        var outcomes = pool.run(jobs, job -> {
            LocalFile file = job.getValue();
            Path source = placer.target(file.localName());
            try {
                transfers.upload(source, file.size(), urls.get(job.getKey()), progress::bytes);
            } catch (TransferException e) {
                if (e.kind() != TransferException.Kind.EXPIRED) {
                    throw e;
                }
                transfers.upload(source, file.size(), freshUpload(file, cursor), progress::bytes);
            }
            progress.transferred();
            return file.size();
        });
        progress.done();
        Map<ContentHash, String> failed = new LinkedHashMap<>();
        for (var outcome : outcomes) {
            if (!outcome.ok()) {
                failed.put(outcome.item().getKey(), reason(outcome.error()));
            }
        }
        return failed;
    }

    private UploadDto freshUpload(LocalFile file, long cursor) throws TransferException {
        var plan = remote.plan(new PlanRequest(cursor, List.of(
                new LocalChangeDto(file.path().value(), 0L, file.hash().hex(), file.size(), false))));
        return plan.uploads().stream().filter(u -> u.hash().equals(file.hash().hex())).findFirst()
                .orElseThrow(() -> new TransferException(TransferException.Kind.REFUSED,
                        "the server gave no new upload URL"));
    }

    /** A download to do: where to, and from which local copy of the same content if there is one. */
    record Fetching(Step.Fetch step, String localName, LocalFile localCopy) {
    }

    /** A finished download, still in its temp file; or the reason it failed. */
    record Fetched(Fetching job, Path temp, Path target, String error) {
    }

    List<Fetched> download(List<Fetching> jobs) {
        Map<VaultPath, DownloadUrlsResponse.DownloadDto> urls = new HashMap<>();
        Map<VaultPath, String> missing = new HashMap<>();
        List<DownloadUrlsRequest.FileRef> refs = jobs.stream()
                .filter(j -> j.localCopy() == null && !isEmpty(j))
                .map(j -> new DownloadUrlsRequest.FileRef(j.step().path().value(), j.step().remote().version()))
                .toList();
        for (int from = 0; from < refs.size(); from += RemoteFeed.PAGE) {
            var response = remote.downloadUrls(new DownloadUrlsRequest(refs.subList(from, Math.min(refs.size(), from + RemoteFeed.PAGE))));
            for (var dto : response.urls()) {
                if (VaultPath.isValid(dto.path())) {
                    urls.put(VaultPath.of(dto.path()), dto);
                }
            }
            for (String path : response.missing()) {
                if (VaultPath.isValid(path)) {
                    missing.put(VaultPath.of(path), "the server has no content for this version any more");
                }
            }
        }
        long bytes = jobs.stream().mapToLong(j -> j.step().remote().size()).sum();
        progress.phase("download", jobs.size(), bytes);
        var outcomes = pool.run(jobs, job -> {
            Fetched fetched = fetchOne(job, urls.get(job.step().path()), missing.get(job.step().path()));
            progress.transferred();
            return fetched;
        });
        progress.done();
        List<Fetched> out = new ArrayList<>();
        for (var outcome : outcomes) {
            out.add(outcome.ok() ? outcome.value() : new Fetched(outcome.item(), null, null, reason(outcome.error())));
        }
        return out;
    }

    private Fetched fetchOne(Fetching job, DownloadUrlsResponse.DownloadDto url, String missing) throws Exception {
        RemoteFile remoteFile = job.step().remote();
        Path target = placer.prepare(job.localName());
        Path temp = placer.tempFor(target, remoteFile.hash());
        if (isEmpty(job)) {
            Files.write(temp, new byte[0]);
        } else if (job.localCopy() != null && copyLocal(job.localCopy(), temp, remoteFile.hash())) {
            progress.bytes(remoteFile.size());
        } else {
            if (url == null) {
                throw new TransferException(TransferException.Kind.REFUSED,
                        missing != null ? missing : "the server gave no download URL");
            }
            if (!url.hash().equals(remoteFile.hash().hex())) {
                throw new TransferException(TransferException.Kind.REFUSED,
                        "changed again remotely; it will be fetched on the next sync");
            }
            try {
                transfers.download(URI.create(url.url()), temp, remoteFile.hash(), remoteFile.size(), progress::bytes);
            } catch (TransferException e) {
                if (e.kind() != TransferException.Kind.EXPIRED) {
                    throw e;
                }
                var again = remote.downloadUrls(new DownloadUrlsRequest(List.of(
                        new DownloadUrlsRequest.FileRef(job.step().path().value(), remoteFile.version()))));
                if (again.urls().isEmpty()) {
                    throw e;
                }
                transfers.download(URI.create(again.urls().get(0).url()), temp, remoteFile.hash(), remoteFile.size(),
                        progress::bytes);
            }
        }
        return new Fetched(job, temp, target, null);
    }

    private static boolean isEmpty(Fetching job) {
        return ContentHash.EMPTY.equals(job.step().remote().hash());
    }

    /** Copies a local file that already holds the content (a rename or copy elsewhere), verifying its hash. */
    private boolean copyLocal(LocalFile source, Path temp, ContentHash expected) {
        if (!placer.unchanged(source)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(placer.target(source.localName()), LinkOption.NOFOLLOW_LINKS);
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
            // Fall back to a download.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The temp name is ignored by scans and cleaned up by the next sync.
        }
        return false;
    }

    static String reason(Exception e) {
        if (e instanceof IllegalStateException && e.getCause() != null) {
            return reason(e.getCause() instanceof Exception inner ? inner : e);
        }
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
