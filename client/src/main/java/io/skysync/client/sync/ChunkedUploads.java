package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.ChunkList;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.ChunkId;
import io.skysync.content.ChunkSizes;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a big file as chunks (docs/client.md, "Big files"): cuts it as it streams ({@link CutFile}),
 * unless the index knows its chunk list already ({@link ChunkIndex}), asks {@code upload-urls}
 * which of its chunks and whether its recipe the vault lacks (1000 per call), uploads those chunks in parallel (at most {@code --transfers}) from their ranges of the
 * file, each hashed as it streams, and then the recipe. A run killed half-way needs no state of
 * its own: the next run's {@code upload-urls} names only the chunks still missing.
 */
final class ChunkedUploads {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final StagingArea staging;
    private final Progress progress;
    private final ChunkSizes sizes;
    private final ChunkIndex index;
    private int apiCalls;

    ChunkedUploads(RemoteVault remote, Transfers transfers, TransferPool pool, StagingArea staging, Progress progress,
                   ChunkSizes sizes, ChunkIndex index) {
        this.sizes = sizes;
        this.index = index;
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.staging = staging;
        this.progress = progress;
    }

    /** What one file's upload did: its recipe, and what it sent. */
    record Sent(ContentHash recipe, int chunksSent, long bytesSent) {
    }

    int apiCalls() {
        return apiCalls;
    }

    /**
     * Sends what the vault lacks of {@code file}. Its chunk list comes from the index when the index
     * has one for its content (a new time or bit on a file synced before: nothing is read unless a
     * chunk is missing), else from cutting the file, which the index then keeps.
     */
    Sent send(LocalFile file, Path source) throws Exception {
        ChunkList list = listed(file);
        if (list == null) {
            list = cut(file, source);
        }
        Map<ContentHash, long[]> ranges = new LinkedHashMap<>();
        long[] offsets = list.offsets();
        for (int i = 0; i < offsets.length; i++) {
            ranges.putIfAbsent(list.chunks().get(i).id(), new long[] {offsets[i], list.chunks().get(i).size()});
        }
        byte[] recipe = list.recipe();
        ContentHash recipeHash = ContentHash.ofBytes(recipe);
        Map<ContentHash, UploadDto> urls = urls(recipeHash, recipe.length, ranges);
        List<ContentHash> missing = ranges.keySet().stream().filter(urls::containsKey).toList();
        var outcomes = pool.run(missing, id -> {
            long[] range = ranges.get(id);
            uploadChunk(source, id, range, urls.get(id));
            return range[1];
        });
        long bytes = 0;
        for (var outcome : outcomes) {
            if (!outcome.ok()) {
                throw outcome.error();
            }
            bytes += outcome.value();
        }
        UploadDto recipeUrl = urls.get(recipeHash);
        if (recipeUrl != null) {
            sendRecipe(recipeHash, recipe, recipeUrl);
        }
        return new Sent(recipeHash, missing.size(), bytes);
    }

    /** The index's list of the file's content, or null (the index has none, or cannot read it). */
    private ChunkList listed(LocalFile file) {
        ChunkList list = index.list(file.hash());
        return list != null && list.size() == file.size() ? list : null;
    }

    /** Cuts the file as it streams, refusing it if it changed since the scan; the index keeps its list. */
    private ChunkList cut(LocalFile file, Path source) throws IOException, TransferException {
        CutFile cut;
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
            cut = CutFile.of(in, ChunkId.SHA256, sizes);
        }
        if (!cut.hash().equals(file.hash()) || cut.size() != file.size()) {
            throw new TransferException(TransferException.Kind.LOCAL_IO,
                    file.localName() + " changed since the scan; it will be synced next time");
        }
        ChunkList list = new ChunkList(cut.hash(), cut.size(), cut.chunks());
        try {
            index.record(list);
        } catch (UncheckedIOException e) {
            progress.warn("could not note the chunks of " + file.localName() + " in the index (" + e.getMessage() + ")");
        }
        return list;
    }

    private void uploadChunk(Path source, ContentHash id, long[] range, UploadDto url) throws TransferException {
        try {
            transfers.upload(source, range[0], range[1], url, progress::bytes);
        } catch (TransferException e) {
            if (e.kind() != TransferException.Kind.EXPIRED) {
                throw e;
            }
            Map<ContentHash, UploadDto> fresh = ask(List.of(new UploadUrlsRequest.BlobRef(id.hex(), range[1])));
            if (fresh.containsKey(id)) {
                transfers.upload(source, range[0], range[1], fresh.get(id), progress::bytes);
            }
        }
    }

    private void sendRecipe(ContentHash recipeHash, byte[] recipe, UploadDto url) throws IOException, TransferException {
        Path temp = staging.newTemp(recipeHash);
        try {
            Files.write(temp, recipe);
            transfers.upload(temp, recipe.length, url, Transfers.ByteCounter.NONE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Map<ContentHash, UploadDto> urls(ContentHash recipeHash, long recipeSize, Map<ContentHash, long[]> ranges) {
        List<UploadUrlsRequest.BlobRef> refs = new ArrayList<>();
        refs.add(new UploadUrlsRequest.BlobRef(recipeHash.hex(), recipeSize));
        ranges.forEach((id, range) -> refs.add(new UploadUrlsRequest.BlobRef(id.hex(), range[1])));
        Map<ContentHash, UploadDto> urls = new HashMap<>();
        for (int from = 0; from < refs.size(); from += RemoteFeed.PAGE) {
            urls.putAll(ask(refs.subList(from, Math.min(refs.size(), from + RemoteFeed.PAGE))));
        }
        return urls;
    }

    private synchronized Map<ContentHash, UploadDto> ask(List<UploadUrlsRequest.BlobRef> refs) {
        apiCalls++;
        Map<ContentHash, UploadDto> urls = new HashMap<>();
        List<UploadDto> uploads = remote.uploadUrls(new UploadUrlsRequest(refs)).uploads();
        for (UploadDto upload : uploads == null ? List.<UploadDto>of() : uploads) {
            if (upload != null && upload.hash() != null && ContentHash.isValid(upload.hash())) {
                urls.put(new ContentHash(upload.hash()), upload);
            }
        }
        return urls;
    }

    /** True if a file of this size is sent as chunks. */
    boolean chunked(long size) {
        return sizes.chunked(size);
    }
}
