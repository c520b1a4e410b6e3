package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote side of one sync, read up front by {@link Fetcher}.
 *
 * @param entries    the latest state of every path that changed after the cursor (or of every path, if complete)
 * @param complete   true when {@code entries} is the whole manifest: a path missing from it has no entry
 * @param cursor     the change-feed position {@code entries} is current to
 * @param histories  the history (newest first) of the paths whose lineage was in doubt
 * @param unread     paths whose history could not be read, with the reason: nothing is decided for them
 * @param repairs    uploads the vault asks for, of content it lost
 * @param refused    remote entries refused as unsafe or invalid, with the reason
 * @param apiCalls   how many API calls it took
 */
public record RemoteView(Map<VaultPath, RemoteFile> entries, boolean complete, long cursor,
                         Map<VaultPath, List<ManifestEntry>> histories, Map<VaultPath, String> unread,
                         List<UploadDto> repairs, List<String> refused, int apiCalls) {
    public RemoteView {
        entries = Map.copyOf(entries);
        histories = Map.copyOf(histories);
        unread = Map.copyOf(unread);
        repairs = List.copyOf(repairs);
        refused = List.copyOf(refused);
    }

    /** A path's remote state: its entry here, else none (a complete view) or the last one the index saw. */
    public RemoteFile remoteOf(VaultPath path, IndexRow row) {
        RemoteFile entry = entries.get(path);
        if (entry != null) {
            return entry;
        }
        return complete || row == null ? RemoteFile.ABSENT : row.remote();
    }

    /** The same view with newer states for some paths (what a commit's conflict answer showed). */
    public RemoteView withEntries(Map<VaultPath, RemoteFile> newer) {
        Map<VaultPath, RemoteFile> merged = new HashMap<>(entries);
        merged.putAll(newer);
        return new RemoteView(merged, complete, cursor, histories, unread, repairs, refused, apiCalls);
    }

    /** The same view with the histories {@link Fetcher} read. */
    public RemoteView withHistories(Map<VaultPath, List<ManifestEntry>> read, Map<VaultPath, String> failed, int calls) {
        return new RemoteView(entries, complete, cursor, read, failed, repairs, refused, apiCalls + calls);
    }

    public List<ManifestEntry> history(VaultPath path) {
        return histories.getOrDefault(path, List.of());
    }
}
