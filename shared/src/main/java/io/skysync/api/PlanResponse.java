package io.skysync.api;

import java.util.List;

/**
 * The answer to a plan: remote changes after the client's cursor (first page; {@code hasMore} says
 * to continue with {@code GET /changes?since=cursor}), the remote entries that already conflict
 * with an announced change, upload URLs for the blobs the vault does not hold yet, and
 * {@code repairs}: uploads the vault asks of any device that holds the content (a blob it had to
 * remove because its bytes did not match its hash); absent or empty means nothing to repair.
 */
public record PlanResponse(
        List<EntryDto> remoteChanges,
        long cursor,
        boolean hasMore,
        List<EntryDto> conflicts,
        List<UploadDto> uploads,
        List<UploadDto> repairs) {

    public PlanResponse(List<EntryDto> remoteChanges, long cursor, boolean hasMore, List<EntryDto> conflicts,
                        List<UploadDto> uploads) {
        this(remoteChanges, cursor, hasMore, conflicts, uploads, List.of());
    }
}
