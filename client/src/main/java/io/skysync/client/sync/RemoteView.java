package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import java.util.List;
import java.util.Map;

/**
 * The remote side of one sync.
 *
 * @param entries  the latest entry of every path that changed after the cursor (or of every path, if complete)
 * @param complete true when {@code entries} is the whole manifest: a path missing from it has no entry
 * @param cursor   the change-feed position {@code entries} is current to
 * @param uploads  upload URLs for blobs the vault does not hold yet
 * @param refused  remote paths refused as unsafe or invalid, with the reason
 * @param apiCalls how many API calls it took
 */
public record RemoteView(Map<VaultPath, ManifestEntry> entries, boolean complete, long cursor,
                         Map<ContentHash, UploadDto> uploads, List<String> refused, int apiCalls) {
}
