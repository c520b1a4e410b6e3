package io.skysync.client.scan;

import io.skysync.client.index.FrozenMap;
import io.skysync.domain.VaultPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan found.
 *
 * @param files      regular files and folders by vault path (in no order: the plan sorts); not copied if frozen already
 * @param unreadable paths that exist but could not be read now: left out of this sync, never taken as deleted
 * @param skipped    one human-readable line per thing not synced (symlink, invalid name, name clash)
 * @param staleTemps temp files a killed run left behind, to remove
 * @param hashed     how many files were (re-)hashed
 * @param racyFromNanos files modified at or after this time (nanoseconds) are "racily clean": a later
 *                   write in the same timestamp tick could keep size and time, so their hash must not be
 *                   reused from the index next time (git's racy-clean rule)
 */
public record ScanResult(Map<VaultPath, LocalFile> files, Set<VaultPath> unreadable, List<String> skipped,
                         List<Path> staleTemps, int hashed, long racyFromNanos) {
    public ScanResult {
        files = FrozenMap.of(files);
        unreadable = Set.copyOf(unreadable);
        skipped = List.copyOf(skipped);
        staleTemps = List.copyOf(staleTemps);
    }
}
