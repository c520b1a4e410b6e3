package io.skysync.api;

import java.util.List;

/** Presigned GET URLs; {@code missing} lists the requested paths/versions with no content to fetch. */
public record DownloadUrlsResponse(List<DownloadDto> urls, List<String> missing) {
    public record DownloadDto(String path, long version, String hash, long size, String url, String expiresAt) {
    }
}
