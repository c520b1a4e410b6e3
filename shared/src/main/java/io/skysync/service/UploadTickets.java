package io.skysync.service;

import io.skysync.api.UploadDto;
import io.skysync.content.ChunkParams;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place upload tickets are issued, for every endpoint that hands out upload URLs: sizes
 * are checked against what the store takes in one upload ({@link BlobStore#maxUploadBytes()}; a
 * chunked file against the chunked limit) before anything else, the clean-up's guard is asked
 * before storage ({@link BlobPresence}: the guard, the
 * manifest's blob records, then storage), and
 * a ticket goes out only for a blob the vault lacks (or holds with another size).
 */
public final class UploadTickets {
    private final BlobStore blobs;
    private final BlobPresence presence;
    private final ServiceConfig config;

    UploadTickets(BlobStore blobs, BlobPresence presence, ServiceConfig config) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Tickets for the wanted blobs (hash to size) that the vault does not hold at that size.
     *
     * @throws SkysyncException {@code too_large} if any size is above one upload, before any write or ticket
     */
    public List<UploadDto> forMissing(VaultId vault, Map<ContentHash, Long> wanted) {
        return forMissing(vault, wanted, Set.of(), hash -> {
            throw new IllegalStateException("no lost content given");
        });
    }

    /**
     * The same, except for contents the vault lost ({@link BlobRepairs}): those always get a ticket,
     * and it is {@code staged}'s, to the uploading device's own name, never one for the blob itself.
     */
    public List<UploadDto> forMissing(VaultId vault, Map<ContentHash, Long> wanted, Set<ContentHash> lost,
                                      Function<ContentHash, UploadDto> staged) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        wanted.forEach(this::checkSize);
        Map<ContentHash, Long> plain = new LinkedHashMap<>(wanted);
        plain.keySet().removeAll(lost);
        // The guard first, then the manifest's blob records, then storage: see BlobPresence.
        Map<ContentHash, Long> stored = presence.sizes(vault, plain);
        Map<ContentHash, Long> missing = new LinkedHashMap<>();
        plain.forEach((hash, size) -> {
            Long storedSize = stored.get(hash);
            if (storedSize == null || storedSize.longValue() != size) {
                missing.put(hash, size);
            }
        });
        Map<ContentHash, UploadTicket> tickets = blobs.presignPuts(vault, missing, config.uploadTtl());
        List<UploadDto> uploads = new ArrayList<>();
        wanted.keySet().forEach(hash -> {
            if (lost.contains(hash)) {
                uploads.add(staged.apply(hash));
            } else if (tickets.containsKey(hash)) {
                uploads.add(dto(hash, tickets.get(hash)));
            }
        });
        return uploads;
    }

    /** @throws SkysyncException {@code too_large} if no single upload of the store takes {@code size} bytes */
    public void checkSize(ContentHash hash, long size) {
        long max = Math.min(blobs.maxUploadBytes(), config.maxUploadBytes());
        if (size > max) {
            throw new SkysyncException(ErrorCode.TOO_LARGE, "the blob with hash " + hash.hex().substring(0, 12)
                    + "… has " + size + " bytes; this deployment's storage takes at most " + max
                    + " bytes in one upload: send a file this large as chunks (a recipe)");
        }
    }

    /**
     * A plan's change: a file of one blob must fit one upload, a chunked file the chunked limit
     * ({@link ChunkParams#MAX_FILE_BYTES}) and its recipe one upload.
     *
     * @throws SkysyncException {@code too_large}, before any write or ticket
     */
    void checkChange(CommitCommand change) {
        if (change.deleted()) {
            return;
        }
        if (!change.isChunked()) {
            checkSize(change.hash(), change.size());
            return;
        }
        if (change.size() > ChunkParams.MAX_FILE_BYTES) {
            throw new SkysyncException(ErrorCode.TOO_LARGE, "the file \"" + change.path() + "\" has " + change.size()
                    + " bytes; a chunked file has at most " + ChunkParams.MAX_FILE_BYTES + " (1 TiB)");
        }
        if (change.recipeSize() >= 0) {
            checkSize(change.recipe(), change.recipeSize());
        }
    }

    static UploadDto dto(ContentHash hash, UploadTicket ticket) {
        return new UploadDto(hash.hex(), ticket.url().toString(), ticket.method(), ticket.headers(),
                ticket.expiresAt().toString());
    }
}
