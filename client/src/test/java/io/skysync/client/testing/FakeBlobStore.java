package io.skysync.client.testing;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobStore;
import io.skysync.service.DownloadTicket;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Blobs in memory behind "presigned" URLs served by {@link FakeBackend} on loopback. */
final class FakeBlobStore implements BlobStore {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Supplier<URI> base;
    private final Clock clock;

    FakeBlobStore(Supplier<URI> base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    static String key(String vault, String hash) {
        return vault + "/" + hash;
    }

    @Override
    public UploadTicket presignPut(VaultId vault, ContentHash hash, long size, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        URI url = base.get().resolve("/blobs/" + vault + "/" + hash.hex() + "?size=" + size + "&expires=" + expires.toEpochMilli());
        return new UploadTicket(url, "PUT", Map.of("x-amz-checksum-sha256", hash.base64()), expires);
    }

    @Override
    public DownloadTicket presignGet(VaultId vault, ContentHash hash, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        return new DownloadTicket(base.get().resolve("/blobs/" + vault + "/" + hash.hex() + "?expires=" + expires.toEpochMilli()), expires);
    }

    @Override
    public OptionalLong size(VaultId vault, ContentHash hash) {
        byte[] blob = blobs.get(key(vault.value(), hash.hex()));
        return blob == null ? OptionalLong.empty() : OptionalLong.of(blob.length);
    }
}
