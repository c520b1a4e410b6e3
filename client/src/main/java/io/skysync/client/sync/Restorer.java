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
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.Transfers;
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

/** Places an old version of a file in the sync root (the next sync commits it as the current version). */
public final class Restorer {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final SafeRoot root;
    private final StagingArea staging;
    private final LocalPlacer placer;

    public Restorer(RemoteVault remote, Transfers transfers, Path root) {
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
            if (urls == null || urls.isEmpty()) {
                throw new UserError("the server no longer has version " + version.version() + " of " + path);
            }
            staging.prepare();
            Path temp = staging.newTemp(hash);
            transfers.download(new Transfers.Presigned(URI.create(urls.get(0).url()), null), temp, hash, version.size(),
                    Transfers.ByteCounter.NONE);
            placer.place(temp, path, localName, expected,
                    RemoteFile.live(FileVersion.of(version.version()), hash, version.size(), 0));
        } catch (UnsafePathException | LocalPlacer.ChangedMeanwhileException e) {
            throw new UserError(e.getMessage(), e);
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
