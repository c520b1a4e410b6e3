package io.skysync.service;

import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import java.util.List;

/** Entries committed after a cursor, in seq order; continue from {@code cursor} while {@code hasMore}. */
public record ChangePage(List<ManifestEntry> entries, Seq cursor, boolean hasMore) {
    public ChangePage {
        entries = List.copyOf(entries);
    }
}
