package io.skysync.service;

import io.skysync.api.EntryDto;
import io.skysync.api.TrashResponse;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deleted files of a vault that can still be restored: tombstones of the current manifest
 * whose history still holds a version with content. One call reads at most {@link #SCAN_BUDGET}
 * manifest entries and one history page per tombstone it answers, so its cost is bounded
 * whatever the vault's size; the client pages with {@code next}.
 */
final class TrashListing {
    /** Manifest entries one call reads at most (live files and tombstones alike). */
    static final int SCAN_BUDGET = ServiceConfig.MAX_PAGE;
    private final ManifestStore store;

    TrashListing(ManifestStore store) {
        this.store = store;
    }

    TrashResponse page(VaultId vault, VaultPath after, int limit) {
        List<TrashResponse.Item> items = new ArrayList<>();
        VaultPath cursor = after;
        int scanned = 0;
        while (true) {
            FilePage page = store.files(vault, cursor, SCAN_BUDGET - scanned);
            for (ManifestEntry entry : page.entries()) {
                cursor = entry.path();
                scanned++;
                if (entry.deleted()) {
                    restorable(vault, entry).ifPresent(items::add);
                    if (items.size() == limit) {
                        return new TrashResponse(items, cursor.value());
                    }
                }
            }
            if (page.next() == null) {
                return new TrashResponse(items, null);
            }
            if (scanned >= SCAN_BUDGET || page.entries().isEmpty()) {
                return new TrashResponse(items, page.next().value());
            }
        }
    }

    /**
     * A deletion is only ever written over a version with content, so that version is the one
     * after the tombstone in history, unless the clean-up has pruned it.
     */
    private Optional<TrashResponse.Item> restorable(VaultId vault, ManifestEntry tombstone) {
        return store.history(vault, tombstone.path(), 2).stream()
                .filter(v -> !v.deleted())
                .findFirst()
                .filter(last -> !last.folder())
                .map(last -> new TrashResponse.Item(tombstone.path().value(), tombstone.version().value(),
                        tombstone.updatedAt().toString(), tombstone.device().value(), EntryDto.of(last)));
    }
}
