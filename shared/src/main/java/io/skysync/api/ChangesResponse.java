package io.skysync.api;

import java.util.List;

/** {@code GET /changes}: entries changed after {@code since}, in seq order; {@code cursor} is where to continue. */
public record ChangesResponse(List<EntryDto> entries, long cursor, boolean hasMore) {
}
