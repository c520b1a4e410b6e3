package io.skysync.service;

import java.net.URI;
import java.time.Instant;

/** A presigned GET, valid until {@code expiresAt}. */
public record DownloadTicket(URI url, Instant expiresAt) {
}
