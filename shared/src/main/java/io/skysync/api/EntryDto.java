package io.skysync.api;

import io.skysync.domain.ManifestEntry;

/**
 * A manifest entry on the wire. {@code hash} is null for a tombstone; {@code updatedAt} is ISO-8601;
 * {@code recipe} names the recipe of a chunked file and is absent for a file of one blob.
 */
public record EntryDto(
        String path,
        long version,
        String hash,
        long size,
        long mtime,
        boolean deleted,
        String device,
        long seq,
        String updatedAt,
        String recipe) {

    public EntryDto(String path, long version, String hash, long size, long mtime, boolean deleted, String device,
                    long seq, String updatedAt) {
        this(path, version, hash, size, mtime, deleted, device, seq, updatedAt, null);
    }

    public static EntryDto of(ManifestEntry e) {
        return new EntryDto(e.path().value(), e.version().value(), e.hash() == null ? null : e.hash().hex(),
                e.size(), e.mtimeMillis(), e.deleted(), e.device().value(), e.seq().value(), e.updatedAt().toString(),
                e.recipe() == null ? null : e.recipe().hex());
    }

    /** Parses an entry the server sent, refusing a bad path or hash exactly as the server would. */
    public ManifestEntry toDomain() {
        return Wire.entry(this);
    }
}
