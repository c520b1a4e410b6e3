package io.skysync.service;

import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import java.util.List;

/** One page of current entries by path; {@code next} is where the next page starts after, or null. */
public record FilePage(List<ManifestEntry> entries, VaultPath next) {
    public FilePage {
        entries = List.copyOf(entries);
    }
}
