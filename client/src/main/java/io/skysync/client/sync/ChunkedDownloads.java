package io.skysync.client.sync;

import io.skysync.api.ChunkUrlsRequest;
import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.client.transfer.Transfers;
import io.skysync.content.Chunk;
import io.skysync.content.ChunkId;
import io.skysync.content.ChunkSizes;
import io.skysync.content.CutFile;
import io.skysync.content.RecipeFormat;
import io.skysync.domain.ContentHash;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches a chunked file (docs/client.md, "Big files"): its recipe (checked against its name and
 * the entry's size), then each chunk from where it is cheapest: the local file's previous version
 * (cut the same way, so an edit leaves most chunks where they were), a chunk a killed run already
 * verified ({@code .skysync/chunks}), else storage, in parallel (at most {@code --transfers}), each
 * verified before it is renamed into the chunk folder. The file is then assembled into its staged
 * temp file, every chunk checked again on the way, and its whole SHA-256 compared with the entry's:
 * nothing else is written, and wrong content never reaches the caller.
 */
final class ChunkedDownloads {
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final LocalPlacer placer;
    private final StagingArea staging;
    private final Progress progress;
    private final ChunkSizes sizes;
    private int apiCalls;

    ChunkedDownloads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, StagingArea staging,
                     Progress progress, ChunkSizes sizes) {
        this.sizes = sizes;
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.staging = staging;
        this.progress = progress;
    }

    int apiCalls() {
        return apiCalls;
    }

    /** Fetches the file {@code dto} names into {@code temp}; {@code previous} is the local file at its path, if any. */
    void fetch(DownloadUrlsResponse.DownloadDto dto, RemoteFile file, LocalFile previous, Path temp) throws Exception {
        List<Chunk> chunks = recipe(dto, file);
        Map<ContentHash, long[]> local = previous == null ? Map.of() : localChunks(previous);
        Path store = staging.chunkStore();
        Map<ContentHash, Integer> wanted = new LinkedHashMap<>();
        for (Chunk chunk : chunks) {
            if (!local.containsKey(chunk.id()) && !Files.isRegularFile(store.resolve(chunk.id().hex()), LinkOption.NOFOLLOW_LINKS)) {
                wanted.put(chunk.id(), chunk.size());
            }
        }
        Map<ContentHash, Transfers.Presigned> urls = urls(new ArrayList<>(wanted.keySet()));
        var outcomes = pool.run(new ArrayList<>(wanted.entrySet()), chunk -> {
            fetchChunk(chunk.getKey(), chunk.getValue(), urls.get(chunk.getKey()), store);
            return chunk.getValue();
        });
        for (var outcome : outcomes) {
            if (!outcome.ok()) {
                throw outcome.error();
            }
        }
        new ChunkAssembly(placer, progress).assemble(chunks, local, previous, store, temp, file.hash());
        for (Chunk chunk : chunks) {
            Files.deleteIfExists(store.resolve(chunk.id().hex()));
        }
    }

    /** The recipe's chunks, refused unless it is the content of its name and a recipe of the entry's size. */
    private List<Chunk> recipe(DownloadUrlsResponse.DownloadDto dto, RemoteFile file) throws Exception {
        if (!ContentHash.isValid(dto.recipe()) || dto.recipeSize() == null || dto.recipeSize() < 0) {
            throw new TransferException(TransferException.Kind.REFUSED, "the server named no valid recipe for it");
        }
        ContentHash name = new ContentHash(dto.recipe());
        Path recipe = staging.newTemp(name);
        try {
            transfers.download(new Transfers.Presigned(URI.create(dto.url()), null), recipe, name, dto.recipeSize(),
                    Transfers.ByteCounter.NONE);
            List<Chunk> chunks = new ArrayList<>();
            try (InputStream in = Files.newInputStream(recipe)) {
                RecipeFormat.Reader reader = RecipeFormat.CURRENT.read(in);
                if (reader.size() != file.size()) {
                    throw new TransferException(TransferException.Kind.REFUSED, "its recipe is for " + reader.size()
                            + " bytes, not the " + file.size() + " the entry has");
                }
                for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                    chunks.add(chunk);
                }
            } catch (SkysyncException e) {
                throw new TransferException(TransferException.Kind.REFUSED, e.getMessage(), e);
            }
            return chunks;
        } finally {
            Files.deleteIfExists(recipe);
        }
    }

    /** The chunks of the local file as it is now (where each starts); none if it changed since the scan. */
    private Map<ContentHash, long[]> localChunks(LocalFile previous) {
        if (!placer.unchanged(previous)) {
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(placer.source(previous), LinkOption.NOFOLLOW_LINKS)) {
            CutFile cut = CutFile.of(in, ChunkId.SHA256, sizes);
            long[] offsets = cut.offsets();
            Map<ContentHash, long[]> out = new HashMap<>();
            for (int i = 0; i < offsets.length; i++) {
                out.putIfAbsent(cut.chunks().get(i).id(), new long[] {offsets[i], cut.chunks().get(i).size()});
            }
            return out;
        } catch (IOException | UnsafePathException e) {
            progress.warn("could not read " + previous.localName() + " to reuse its chunks (" + Reasons.of(e) + ")");
            return Map.of();
        }
    }

    private void fetchChunk(ContentHash id, int size, Transfers.Presigned url, Path store) throws Exception {
        if (url == null) {
            throw new TransferException(TransferException.Kind.MISSING, "the server gave no URL for one of its chunks");
        }
        Path part = staging.newTemp(id);
        transfers.download(url, part, id, size, progress::bytes);
        Files.move(part, store.resolve(id.hex()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Map<ContentHash, Transfers.Presigned> urls(List<ContentHash> ids) {
        Map<ContentHash, Transfers.Presigned> urls = new HashMap<>();
        for (int from = 0; from < ids.size(); from += RemoteFeed.PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + RemoteFeed.PAGE)).stream()
                    .map(ContentHash::hex).toList();
            apiCalls++;
            ChunkUrlsResponse answer = remote.chunkUrls(new ChunkUrlsRequest(page));
            for (ChunkUrlsResponse.ChunkUrlDto dto : answer.urls() == null ? List.<ChunkUrlsResponse.ChunkUrlDto>of()
                    : answer.urls()) {
                if (dto != null && ContentHash.isValid(dto.hash()) && dto.url() != null) {
                    urls.put(new ContentHash(dto.hash()), new Transfers.Presigned(URI.create(dto.url()), null));
                }
            }
        }
        return urls;
    }
}
