package io.skysync.api;

import java.util.List;

/**
 * The answer to a plan: remote changes after the client's cursor (first page; {@code hasMore} says
 * to continue with {@code GET /changes?since=cursor}), the remote entries that already conflict
 * with an announced change, and upload URLs for the blobs the vault does not hold yet.
 */
public record PlanResponse(
        List<EntryDto> remoteChanges,
        long cursor,
        boolean hasMore,
        List<EntryDto> conflicts,
        List<UploadDto> uploads) {
}
