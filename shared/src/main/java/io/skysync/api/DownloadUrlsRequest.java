package io.skysync.api;

import java.util.List;

/** {@code POST /download-urls}: the files to fetch; {@code version} null means the current one. */
public record DownloadUrlsRequest(List<FileRef> files) {
    public record FileRef(String path, Long version) {
    }
}
