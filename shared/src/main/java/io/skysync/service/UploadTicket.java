package io.skysync.service;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** A presigned upload: {@code method} to {@code url} with exactly {@code headers}, before {@code expiresAt}. */
public record UploadTicket(URI url, String method, Map<String, String> headers, Instant expiresAt) {
    public UploadTicket {
        headers = Map.copyOf(headers);
    }
}
