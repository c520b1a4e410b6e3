package io.skysync.client.sync;

import io.skysync.api.EntryDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The first stage of a sync: every remote read, up front. The change feed (or the whole listing),
 * then the history of each path whose lineage is in doubt ({@link Lineage#suspect}), or whose
 * metadata may be this device's own lost commit ({@link MetadataRule#inDoubt}). Fails
 * loudly: an error of the feed ends the run before anything changed; a history that cannot be read
 * is recorded for its path, which the plan then leaves alone (never guessed).
 */
final class Fetcher {
    private static final int HISTORY_LIMIT = 1000;
    private final RemoteVault remote;

    Fetcher(RemoteVault remote) {
        this.remote = remote;
    }

    /**
     * The remote view, and {@code rows} as {@link Lineage#repair} repaired them against it (histories do not
     * change a repair): the engine plans on these rows, so a no-op repairs its rows once.
     */
    record Fetched(RemoteView view, Map<VaultPath, IndexRow> repaired, Set<VaultPath> candidates) {
    }

    /** Every path a candidate (no scan's racy bound known). */
    Fetched fetch(long cursor, Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local,
                  Predicate<VaultPath> excluded, boolean getOnly) {
        return fetch(cursor, rows, local, excluded, getOnly, Long.MIN_VALUE);
    }

    /**
     * The view, the repaired rows and the run's {@link Candidates} (files modified at or after {@code racyFromNanos}
     * among them): only candidates are repaired and have their history read, so they stay the candidates of the
     * view with those histories.
     */
    Fetched fetch(long cursor, Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local,
                  Predicate<VaultPath> excluded, boolean getOnly, long racyFromNanos) {
        RemoteFeed.Feed feed = new RemoteFeed(remote).fetch(cursor, getOnly);
        RemoteView view = new RemoteView(feed.entries(), feed.complete(), feed.cursor(), Map.of(), Map.of(),
                feed.repairs(), feed.refused(), feed.apiCalls());
        Set<VaultPath> candidates = Candidates.of(rows, local, view, racyFromNanos);
        Map<VaultPath, IndexRow> repaired = Lineage.repair(rows, local, view, candidates);
        Map<VaultPath, List<ManifestEntry>> histories = new HashMap<>();
        Map<VaultPath, String> unread = new HashMap<>();
        List<String> refused = new ArrayList<>();
        int calls = 0;
        for (VaultPath path : suspects(candidates, rows, repaired, local, view, excluded)) {
            calls++;
            try {
                histories.put(path, parse(path, remote.history(path, HISTORY_LIMIT).versions(), refused));
            } catch (SkysyncException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    histories.put(path, List.of());
                } else {
                    unread.put(path, "its history could not be read (" + e.getMessage() + "); left for the next sync");
                }
            }
        }
        return new Fetched(view.withHistories(histories, unread, calls), repaired, candidates);
    }

    /**
     * The local files among {@code paths} whose history is needed, sorted. One lookup of each kind a path: a repair
     * changes a row's ancestor only, never the remote state it saw, so the repaired row and the index's have one
     * remote version.
     */
    static Set<VaultPath> suspects(Collection<VaultPath> paths, Map<VaultPath, IndexRow> rows,
                                   Map<VaultPath, IndexRow> repaired, Map<VaultPath, LocalFile> local, RemoteView view,
                                   Predicate<VaultPath> excluded) {
        Set<VaultPath> suspects = new TreeSet<>();
        for (VaultPath path : paths) {
            LocalFile f = local.get(path);
            if (f == null) {
                continue;
            }
            IndexRow row = rows.get(f.path());
            IndexRow ancestor = repaired == rows ? row : repaired.get(f.path());
            RemoteFile current = view.remoteOf(f.path(), row);
            if ((Lineage.suspect(f, ancestor, current) || MetadataRule.inDoubt(row, f, current)) && !excluded.test(f.path())) {
                suspects.add(f.path());
            }
        }
        return suspects;
    }

    /** The versions of {@code path}; an entry of another path in its history is not believed. */
    private static List<ManifestEntry> parse(VaultPath path, List<EntryDto> versions, List<String> refused) {
        List<ManifestEntry> out = new ArrayList<>();
        for (EntryDto dto : versions == null ? List.<EntryDto>of() : versions) {
            ManifestEntry entry = Entries.parse(dto, refused);
            if (entry != null && entry.path().equals(path)) {
                out.add(entry);
            }
        }
        return out;
    }
}
