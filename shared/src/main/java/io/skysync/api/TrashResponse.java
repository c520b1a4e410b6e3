package io.skysync.api;

import java.util.List;

/**
 * {@code GET /trash}: deleted files that history can still bring back, by path. Each item is a
 * tombstone with the newest version that has content ({@code last}), which is what a restore puts
 * back. {@code next} is the {@code after} of the next page, or null once the listing is done; a
 * page may hold fewer than {@code limit} items (none, even) while {@code next} is set.
 */
public record TrashResponse(List<Item> items, String next) {
    public TrashResponse {
        items = List.copyOf(items);
    }

    /** One deleted file: when and by which device, and the version a restore brings back. */
    public record Item(String path, long version, String deletedAt, String deletedBy, EntryDto last) {
    }
}
