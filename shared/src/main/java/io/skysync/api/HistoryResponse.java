package io.skysync.api;

import java.util.List;

/** {@code GET /files/{path}/history}: every kept version of one file, newest first. */
public record HistoryResponse(String path, List<EntryDto> versions) {
}
