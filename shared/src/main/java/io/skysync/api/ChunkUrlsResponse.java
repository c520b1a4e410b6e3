package io.skysync.api;

import java.util.List;

/** Presigned GETs of chunks of the caller's vault, one per distinct id asked for. */
public record ChunkUrlsResponse(List<ChunkUrlDto> urls) {
    public record ChunkUrlDto(String hash, String url, String expiresAt) {
    }
}
