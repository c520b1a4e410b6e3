package io.skysync.client.sync;

import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.client.config.UserError;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkSizes;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Places an old version of a file in the sync root (the next sync commits it as the current
 * version). A chunked version is fetched like a sync's download (docs/client.md, "Big files"): its
 * recipe, the chunks the local file at the target path does not already hold, assembled and
 * checked whole against the version's SHA-256 before anything is placed.
 */
public final class Restorer {
    /** Parallel chunk transfers when the caller names none (the CLI passes {@code --transfers}). */
    private static final int DEFAULT_PARALLEL = 4;

    private final RemoteVault remote;
    private final Transfers transfers;
    private final SafeRoot root;
    private final StagingArea staging;
    private final LocalPlacer placer;
    private final int parallel;

    public Restorer(RemoteVault remote, Transfers transfers, Path root) {
        this(remote, transfers, root, DEFAULT_PARALLEL);
    }

    public Restorer(RemoteVault remote, Transfers transfers, Path root, int parallel) {
        this.parallel = parallel;
        this.remote = remote;
        this.transfers = transfers;
        this.root = new SafeRoot(root);
        this.staging = new StagingArea(this.root);
        this.placer = new LocalPlacer(this.root, staging);
    }

    public void restore(VaultPath path, EntryDto version, IndexRow row) throws IOException, TransferException {
        restore(path, version, path, row);
    }

    /** Places a version of {@code source} at {@code path} (restore under another name); {@code row} is {@code path}'s. */
    public void restore(VaultPath source, EntryDto version, VaultPath path, IndexRow row) throws IOException, TransferException {
        if (IgnoreRules.isInternal(path.value())) {
            throw new UserError(path + " is inside a skysync state folder (.skysync), which is never synced nor restored");
        }
        String localName = row != null ? row.localName() : path.value();
        try {
            LocalFile expected = current(root.resolve(localName), path, localName, row);
            ContentHash hash = new ContentHash(version.hash());
            List<DownloadUrlsResponse.DownloadDto> urls = remote.downloadUrls(new DownloadUrlsRequest(List.of(
                    new DownloadUrlsRequest.FileRef(source.value(), version.version())))).urls();
            DownloadUrlsResponse.DownloadDto dto = urls == null ? null : urls.stream()
                    .filter(u -> u != null && source.value().equals(u.path())).findFirst().orElse(null);
            if (dto == null) {
                throw new UserError("the server no longer has version " + version.version() + " of " + path);
            }
            if (!hash.hex().equals(dto.hash())) {
                throw new TransferException(TransferException.Kind.REFUSED, "the server answered with other content than"
                        + " version " + version.version() + " of " + source);
            }
            staging.prepare();
            Path temp = staging.newTemp(hash);
            RemoteFile file = RemoteFile.live(FileVersion.of(version.version()), hash, version.size(), 0);
            try {
                fetch(dto, file, expected, temp);
            } catch (TransferException | IOException | UnsafePathException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            placer.place(temp, path, localName, expected, file);
        } catch (UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private void fetch(DownloadUrlsResponse.DownloadDto dto, RemoteFile file, LocalFile expected, Path temp)
            throws IOException, TransferException, UnsafePathException {
        if (dto.recipe() == null) {
            transfers.download(new Transfers.Presigned(URI.create(dto.url()), null), temp, file.hash(), file.size(),
                    Transfers.ByteCounter.NONE);
            return;
        }
        try {
            new ChunkedDownloads(remote, transfers, new TransferPool(parallel), placer, staging, Progress.NONE,
                    ChunkSizes.DEFAULT, LocalChunks.NONE)
                    .fetch(dto, file, expected, temp);
        } catch (TransferException | IOException | UnsafePathException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TransferException(TransferException.Kind.REFUSED, Reasons.of(e), e);
        }
    }

    /** The local file as it is now, refusing one with changes the index has not seen synced. */
    private static LocalFile current(Path target, VaultPath path, String localName, IndexRow row) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!SyncedContent.safeToReplace(target, row)) {
            throw new UserError(path + " has local changes that are not synced; run 'skysync sync' first");
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String key = attrs.fileKey() == null ? null : attrs.fileKey().toString();
        return new LocalFile(path, localName, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key,
                row.synced().content());
    }
}
