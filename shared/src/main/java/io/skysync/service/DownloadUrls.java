package io.skysync.service;

import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presigned GETs of {@code download-urls} and {@code chunk-urls}, for a caller already
 * authenticated and a request already validated: a file of one blob gets its blob's URL, a chunked
 * file its recipe's (with the recipe's size, asked for in one batch), a chunk its own.
 */
final class DownloadUrls {
    private final ManifestStore store;
    private final BlobStore blobs;
    private final ServiceConfig config;

    DownloadUrls(ManifestStore store, BlobStore blobs, ServiceConfig config) {
        this.store = store;
        this.blobs = blobs;
        this.config = config;
    }

    DownloadUrlsResponse downloadUrls(VaultId vault, List<DownloadUrlsRequest.FileRef> refs, List<VaultPath> paths) {
        Map<VaultPath, ManifestEntry> current = store.entries(vault, paths);
        List<ManifestEntry> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            VaultPath path = paths.get(i);
            Long wantedVersion = refs.get(i).version();
            ManifestEntry entry = current.get(path);
            if (wantedVersion != null && (entry == null || entry.version().value() != wantedVersion)) {
                entry = store.version(vault, path, FileVersion.of(wantedVersion)).orElse(null);
            }
            if (entry == null || entry.deleted() || entry.folder()) {
                missing.add(path.value());
            } else {
                found.add(entry);
            }
        }
        // A chunked file's URL fetches its recipe (its chunks' URLs come from chunk-urls); the
        // recipes' sizes are asked for in one batch.
        Set<ContentHash> recipes = new LinkedHashSet<>();
        found.stream().filter(e -> e.recipe() != null).forEach(e -> recipes.add(e.recipe()));
        Map<ContentHash, Long> recipeSizes = recipes.isEmpty() ? Map.of() : blobs.sizes(vault, recipes);
        List<DownloadUrlsResponse.DownloadDto> urls = new ArrayList<>();
        for (ManifestEntry entry : found) {
            Long recipeSize = entry.recipe() == null ? null : recipeSizes.get(entry.recipe());
            if (entry.recipe() != null && recipeSize == null) {
                missing.add(entry.path().value());
                continue;
            }
            ContentHash blob = entry.recipe() != null ? entry.recipe() : entry.hash();
            DownloadTicket ticket = blobs.presignGet(vault, blob, config.downloadTtl());
            urls.add(new DownloadUrlsResponse.DownloadDto(entry.path().value(), entry.version().value(),
                    entry.hash().hex(), entry.size(), ticket.url().toString(), ticket.expiresAt().toString(),
                    entry.recipe() == null ? null : entry.recipe().hex(), recipeSize));
        }
        return new DownloadUrlsResponse(urls, missing);
    }

    ChunkUrlsResponse chunkUrls(VaultId vault, Set<ContentHash> distinct) {
        List<ChunkUrlsResponse.ChunkUrlDto> urls = new ArrayList<>();
        for (ContentHash id : distinct) {
            DownloadTicket ticket = blobs.presignGet(vault, id, config.downloadTtl());
            urls.add(new ChunkUrlsResponse.ChunkUrlDto(id.hex(), ticket.url().toString(), ticket.expiresAt().toString()));
        }
        return new ChunkUrlsResponse(urls);
    }
}
