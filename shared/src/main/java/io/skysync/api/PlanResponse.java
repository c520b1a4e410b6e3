package io.skysync.api;

import java.util.List;

/**
 * The answer to a plan: remote changes after the client's cursor (first page; {@code hasMore} says
 * to continue with {@code GET /changes?since=cursor}), the remote entries that already conflict
 * with an announced change, upload URLs for the blobs the vault does not hold yet, and
 * {@code repairs}: upload URLs for contents the vault lost that a device holding them should send
 * again (null, and left out of the JSON, when there are none; only writer devices get them).
 */
public record PlanResponse(
        List<EntryDto> remoteChanges,
        long cursor,
        boolean hasMore,
        List<EntryDto> conflicts,
        List<UploadDto> uploads,
        List<UploadDto> repairs) {

    /** A plan answer without repairs. */
    public PlanResponse(List<EntryDto> remoteChanges, long cursor, boolean hasMore, List<EntryDto> conflicts,
                        List<UploadDto> uploads) {
        this(remoteChanges, cursor, hasMore, conflicts, uploads, null);
    }
}
