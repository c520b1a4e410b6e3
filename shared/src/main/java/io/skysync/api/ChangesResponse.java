package io.skysync.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /changes}: entries changed after {@code since}, in seq order; {@code cursor} is where to
 * continue. The field {@code wait} ({@code waitSeconds}) answers a request's {@code wait}: the
 * seconds the server was willing to wait for a commit (0 on a deployment that never waits);
 * absent when the request had none.
 */
public record ChangesResponse(List<EntryDto> entries, long cursor, boolean hasMore,
                              @JsonProperty("wait") Integer waitSeconds) {

    public ChangesResponse(List<EntryDto> entries, long cursor, boolean hasMore) {
        this(entries, cursor, hasMore, null);
    }

    public ChangesResponse withWait(Duration granted) {
        return new ChangesResponse(entries, cursor, hasMore, (int) granted.toSeconds());
    }
}
