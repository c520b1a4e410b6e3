package io.skysync.api;

import java.util.Map;

/** A presigned upload for one blob: send {@code method} to {@code url} with exactly these headers. */
public record UploadDto(String hash, String url, String method, Map<String, String> headers, String expiresAt) {
}
