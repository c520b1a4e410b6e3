package io.skysync.api;

import java.util.List;

/** Presigned GET URLs; {@code missing} lists the requested paths/versions with no content to fetch. */
public record DownloadUrlsResponse(List<DownloadDto> urls, List<String> missing) {
    /**
     * One file's download. For a chunked file {@code recipe} is set and {@code url} fetches the
     * recipe (whose SHA-256 is {@code recipe} and whose size is {@code recipeSize}), not the file:
     * its chunks come from {@code chunk-urls}.
     */
    public record DownloadDto(String path, long version, String hash, long size, String url, String expiresAt,
                              String recipe, Long recipeSize) {
        public DownloadDto(String path, long version, String hash, long size, String url, String expiresAt) {
            this(path, version, hash, size, url, expiresAt, null, null);
        }
    }
}
