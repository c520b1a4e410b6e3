package io.skysync.client.sync;

import io.skysync.api.ChunkUrlsRequest;
import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.client.index.ChunkIndex;
import io.skysync.client.index.ChunkList;
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
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches a chunked file (docs/design.md, "Chunk reuse"): its recipe (checked against its name and
 * the entry's size), then each chunk from where {@link ChunkSources} says is cheapest: a chunk a
 * killed run already verified ({@code .skysync/chunks}), any local file the index's chunk lists say
 * holds it (the version being replaced is cut if the index knows none of its chunks), else storage,
 * in parallel (at most {@code --transfers}), each verified before it is renamed into the chunk
 * folder. The file is then assembled into its staged temp file, every chunk checked again on the
 * way, and its whole SHA-256 compared with the entry's: a local file that no longer holds what its
 * list says is dropped and its chunks fetched instead, and wrong content never reaches the caller.
 */
final class ChunkedDownloads {
    /** Assemblies per file: each failed one drops the source that failed it. */
    private static final int ATTEMPTS = 3;
    private final RemoteVault remote;
    private final Transfers transfers;
    private final TransferPool pool;
    private final LocalPlacer placer;
    private final StagingArea staging;
    private final Progress progress;
    private final ChunkSizes sizes;
    private final LocalChunks reuse;
    private int apiCalls;

    ChunkedDownloads(RemoteVault remote, Transfers transfers, TransferPool pool, LocalPlacer placer, StagingArea staging,
                     Progress progress, ChunkSizes sizes, LocalChunks reuse) {
        this.sizes = sizes;
        this.remote = remote;
        this.transfers = transfers;
        this.pool = pool;
        this.placer = placer;
        this.staging = staging;
        this.progress = progress;
        this.reuse = reuse;
    }

    int apiCalls() {
        return apiCalls;
    }

    /** Fetches the file {@code dto} names into {@code temp}; {@code previous} is the local file at its path, if any. */
    void fetch(DownloadUrlsResponse.DownloadDto dto, RemoteFile file, LocalFile previous, Path temp) throws Exception {
        List<Chunk> chunks = recipe(dto, file);
        Path store = staging.chunkStore();
        Map<ContentHash, LocalFile> usable = new HashMap<>();
        List<ChunkIndex.Located> located = located(chunks, previous, usable);
        ContentHash preferred = previous == null ? null : previous.hash();
        for (int attempt = 1; ; attempt++) {
            Map<ContentHash, ChunkSources.Source> sources = ChunkSources.plan(chunks, kept(chunks, store), located,
                    usable, preferred);
            fetchChunks(sources, chunks, store);
            try {
                new ChunkAssembly(placer, progress).assemble(chunks, sources, store, temp, file.hash());
                break;
            } catch (ChunkAssembly.UnusableChunk e) {
                if (attempt == ATTEMPTS) {
                    throw new TransferException(TransferException.Kind.CHECKSUM, e.getMessage()
                            + "; it will be fetched on the next sync", e);
                }
                if (e.content() != null) {
                    usable.remove(e.content());
                }
            }
        }
        record(new ChunkList(file.hash(), file.size(), chunks));
        for (Chunk chunk : chunks) {
            Files.deleteIfExists(store.resolve(chunk.id().hex()));
        }
    }

    /**
     * Where local files hold the recipe's chunks, by the index (one query per batch of ids), and the
     * file to read for each content, if it is still as the scan saw it.
     */
    private List<ChunkIndex.Located> located(List<Chunk> chunks, LocalFile previous, Map<ContentHash, LocalFile> usable) {
        Set<ContentHash> ids = new LinkedHashSet<>();
        chunks.forEach(c -> ids.add(c.id()));
        List<ChunkIndex.Located> located = new ArrayList<>();
        boolean previousListed = false;
        try {
            located.addAll(reuse.index().locate(ids));
            previousListed = previous != null && reuse.index().list(previous.hash()) != null;
        } catch (UncheckedIOException e) {
            progress.warn("could not read the index's chunk lists; fetching what the replaced version lacks (" + e.getMessage() + ")");
        }
        if (previous != null && !previousListed) {
            located.addAll(cut(previous));
        }
        Set<ContentHash> contents = new HashSet<>();
        located.forEach(l -> contents.add(l.content()));
        for (ContentHash content : contents) {
            LocalFile holder = previous != null && previous.hash().equals(content) ? previous : reuse.holders().get(content);
            if (holder != null && placer.unchanged(holder)) {
                usable.put(content, holder);
            }
        }
        return located;
    }

    /** The chunks of the version being replaced, cut now: the index knows none of them (it predates the lists). */
    private List<ChunkIndex.Located> cut(LocalFile previous) {
        if (!placer.unchanged(previous)) {
            return List.of();
        }
        try (InputStream in = Channels.newInputStream(placer.read(previous))) {
            CutFile cut = CutFile.of(in, ChunkId.SHA256, sizes);
            long[] offsets = cut.offsets();
            List<ChunkIndex.Located> out = new ArrayList<>();
            for (int i = 0; i < offsets.length; i++) {
                Chunk chunk = cut.chunks().get(i);
                out.add(new ChunkIndex.Located(chunk.id(), previous.hash(), offsets[i], chunk.size()));
            }
            return out;
        } catch (IOException | UnsafePathException e) {
            progress.warn("could not read " + previous.localName() + " to reuse its chunks (" + Reasons.of(e) + ")");
            return List.of();
        }
    }

    private static Set<ContentHash> kept(List<Chunk> chunks, Path store) {
        Set<ContentHash> kept = new HashSet<>();
        for (Chunk chunk : chunks) {
            if (Files.isRegularFile(store.resolve(chunk.id().hex()), LinkOption.NOFOLLOW_LINKS)) {
                kept.add(chunk.id());
            }
        }
        return kept;
    }

    private void fetchChunks(Map<ContentHash, ChunkSources.Source> sources, List<Chunk> chunks, Path store)
            throws Exception {
        Map<ContentHash, Integer> wanted = new HashMap<>();
        chunks.stream().filter(c -> sources.get(c.id()) == ChunkSources.FETCH).forEach(c -> wanted.put(c.id(), c.size()));
        List<ContentHash> ids = sources.keySet().stream().filter(wanted::containsKey).toList();
        Map<ContentHash, Transfers.Presigned> urls = urls(ids);
        var outcomes = pool.run(ids, id -> {
            fetchChunk(id, wanted.get(id), urls.get(id), store);
            return id;
        });
        for (var outcome : outcomes) {
            if (!outcome.ok()) {
                throw outcome.error();
            }
        }
    }

    /** Keeps the file's chunk list, so a later download can take its chunks from it; a list not written is only a loss of reuse. */
    private void record(ChunkList list) {
        try {
            reuse.index().record(list);
        } catch (UncheckedIOException e) {
            progress.warn("could not note the chunks of a downloaded file in the index (" + e.getMessage() + ")");
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
