package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.testing.InMemoryBlobRecords;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryRepairStore;
import io.skysync.testing.InMemoryRetentionStore;
import io.skysync.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A staged repair upload too large for the server to hash ({@link BlobRepairs#MAX_VERIFY_BYTES})
 * was never checked, so it is not known to be wrong: it must stay, not be dropped as wrong bytes
 * (an honest device would upload it again at every plan, and the content would never come back).
 * The size cap is played by the audit port as its contract says a store answers above it: a
 * digest without a SHA-256.
 */
class LargeStagedRepairTest {
    private static final VaultId VAULT = new VaultId("v1");
    private static final DeviceId HONEST = new DeviceId("honest-device");
    private static final byte[] CONTENT = "stands in for a 300 MiB video".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(CONTENT);

    @Test
    void lostFor_aStagedCopyAboveTheCap_isKeptAndTheContentStaysPending() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
        InMemoryRepairStore records = new InMemoryRepairStore();
        BlobRepairs repairs = new BlobRepairs(new UnreadableStaged(blobs), records,
                new InMemoryRetentionStore(new InMemoryManifestStore()), new InMemoryBlobRecords(), clock, Duration.ofMinutes(15));
        BlobRef staged = BlobRef.staged(VAULT, HASH, HONEST);
        records.markLost(VAULT, new LostBlob(HASH, clock.instant()));
        blobs.putRaw(staged, CONTENT);

        assertThat(repairs.lostFor(VAULT, HONEST)).containsExactly(HASH);

        assertThat(blobs.get(staged)).as("an unchecked staged copy is not dropped as wrong").hasValue(CONTENT);
        assertThat(blobs.get(VAULT, HASH)).as("nor promoted unchecked").isEmpty();
    }

    /** The store as it answers for objects above the reader's cap: size and ETag, no SHA-256. */
    private record UnreadableStaged(InMemoryBlobStore store) implements BlobAudit {
        @Override
        public Optional<BlobDigest> digest(BlobRef ref, long maxBytes) {
            return store.digest(ref, 0).map(d -> new BlobDigest(d.size(), d.etag(), Optional.empty()));
        }

        @Override
        public boolean deleteIfUnchanged(BlobRef ref, String etag) {
            return store.deleteIfUnchanged(ref, etag);
        }

        @Override
        public boolean copyIfUnchanged(BlobRef from, String etag, BlobRef to) {
            return store.copyIfUnchanged(from, etag, to);
        }

        @Override
        public void deleteStaged(BlobRef staged) {
            store.deleteStaged(staged);
        }

        @Override
        public List<DeviceId> stagedBy(VaultId vault, ContentHash hash) {
            return store.stagedBy(vault, hash);
        }

        @Override
        public UploadTicket presignStaged(BlobRef staged, Duration ttl) {
            return store.presignStaged(staged, ttl);
        }
    }
}
