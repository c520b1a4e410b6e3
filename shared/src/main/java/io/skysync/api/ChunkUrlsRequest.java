package io.skysync.api;

import java.util.List;

/** {@code POST /chunk-urls}: the chunk ids (64 hex each) a device wants to fetch, at most 1000. */
public record ChunkUrlsRequest(List<String> chunks) {
}
