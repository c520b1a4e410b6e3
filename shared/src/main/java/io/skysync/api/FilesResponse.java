package io.skysync.api;

import java.util.List;

/**
 * {@code GET /files}: one page of the current manifest by path. {@code seq} was read before the
 * page: continue with {@code /changes?since=seq} once the listing is done. {@code next} is the
 * {@code after} of the next page, or null at the end.
 */
public record FilesResponse(List<EntryDto> entries, long seq, String next) {
}
