package io.skysync.api;

import io.skysync.domain.ManifestEntry;

/**
 * A manifest entry on the wire. {@code hash} is null for a tombstone and a folder; {@code updatedAt}
 * is ISO-8601; {@code recipe} names the recipe of a chunked file and is absent for a file of one
 * blob. {@code folder} ({@code true} for a folder entry) and {@code executable} (the file's
 * executable bit) are left out when absent: an entry of a file whose bit nobody sent yet has neither.
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
        String recipe,
        Boolean folder,
        Boolean executable) {

    /** A file's entry as clients before folders and metadata (protocol 1) know it. */
    public EntryDto(String path, long version, String hash, long size, long mtime, boolean deleted, String device,
                    long seq, String updatedAt) {
        this(path, version, hash, size, mtime, deleted, device, seq, updatedAt, null, null, null);
    }

    public static EntryDto of(ManifestEntry e) {
        boolean folder = e.folder();
        return new EntryDto(e.path().value(), e.version().value(), e.hash() == null || folder ? null : e.hash().hex(),
                e.size(), e.mtimeMillis(), e.deleted(), e.device().value(), e.seq().value(), e.updatedAt().toString(),
                e.recipe() == null ? null : e.recipe().hex(), folder ? Boolean.TRUE : null, e.executable());
    }

    /** True for a live folder entry. */
    public boolean isFolder() {
        return Boolean.TRUE.equals(folder);
    }

    /** The same entry without what a protocol 1 client cannot read (its executable bit). */
    public EntryDto withoutMetadata() {
        return new EntryDto(path, version, hash, size, mtime, deleted, device, seq, updatedAt, recipe, folder, null);
    }

    /** Parses an entry the server sent, refusing a bad path or hash exactly as the server would. */
    public ManifestEntry toDomain() {
        return Wire.entry(this);
    }
}
