package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobAudit;
import io.skysync.service.BlobDigest;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobAudit} must pass: reading and hashing a stored object, deleting and
 * copying only the exact bytes that were read (by ETag), staged repair uploads per device. A
 * store's test extends this class; each test works in a vault of its own.
 */
public abstract class BlobAuditContract {
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    protected static final DeviceId PHONE = new DeviceId("phone-1");
    protected static final DeviceId LAPTOP = new DeviceId("laptop-1");
    protected static final byte[] HONEST = "the honest content".getBytes(StandardCharsets.UTF_8);
    protected static final ContentHash HASH = ContentHash.ofBytes(HONEST);
    protected static final byte[] GARBAGE = "garbage of the same??".getBytes(StandardCharsets.UTF_8);

    protected BlobAudit audit;
    protected VaultId vault;

    protected abstract BlobAudit audit();

    /** Stores {@code bytes} under {@code ref} as the store's owner can: any bytes, over anything. */
    protected abstract void putRaw(BlobRef ref, byte[] bytes);

    /** The stored bytes, read straight from the store. */
    protected abstract Optional<byte[]> read(BlobRef ref);

    /** Sends {@code body} to the ticket's URL the way a device does; throws if the store refuses it. */
    protected abstract void upload(UploadTicket ticket, byte[] body);

    @BeforeEach
    void freshVault() {
        audit = audit();
        vault = new VaultId(("ba-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    @Test
    void digest_readsSizeETagAndSha256_orOnlyLooksAboveTheCap() {
        BlobRef blob = BlobRef.blob(vault, HASH);
        assertThat(audit.digest(blob, 1 << 20)).isEmpty();
        putRaw(blob, HONEST);

        BlobDigest read = audit.digest(blob, 1 << 20).orElseThrow();
        BlobDigest look = audit.digest(blob, 0).orElseThrow();
        BlobDigest capped = audit.digest(blob, HONEST.length - 1).orElseThrow();

        assertThat(read.size()).isEqualTo(HONEST.length);
        assertThat(read.sha256()).contains(HASH);
        assertThat(read.matches(HASH)).isTrue();
        assertThat(read.etag()).isNotBlank().isEqualTo(look.etag());
        assertThat(look.sha256()).isEmpty();
        assertThat(capped.sha256()).isEmpty();
        assertThat(capped.size()).isEqualTo(HONEST.length);
        putRaw(blob, GARBAGE);
        BlobDigest wrong = audit.digest(blob, 1 << 20).orElseThrow();
        assertThat(wrong.matches(HASH)).isFalse();
        assertThat(wrong.etag()).as("a new write, a new ETag").isNotEqualTo(read.etag());
    }

    @Test
    void deleteIfUnchanged_onlyTheBytesThatWereRead() {
        BlobRef blob = BlobRef.blob(vault, HASH);
        putRaw(blob, GARBAGE);
        String first = audit.digest(blob, 0).orElseThrow().etag();
        putRaw(blob, HONEST);

        assertThat(audit.deleteIfUnchanged(blob, first)).as("the blob changed since").isFalse();
        assertThat(read(blob)).hasValue(HONEST);
        String now = audit.digest(blob, 0).orElseThrow().etag();
        assertThat(audit.deleteIfUnchanged(blob, now)).isTrue();
        assertThat(read(blob)).isEmpty();
        assertThat(audit.deleteIfUnchanged(blob, now)).as("gone").isFalse();
    }

    @Test
    void copyIfUnchanged_replacesTheBlobWithExactlyTheCheckedBytes() {
        BlobRef blob = BlobRef.blob(vault, HASH);
        BlobRef staged = BlobRef.staged(vault, HASH, PHONE);
        putRaw(blob, GARBAGE);
        putRaw(staged, GARBAGE);
        String stale = audit.digest(staged, 0).orElseThrow().etag();
        putRaw(staged, HONEST);

        assertThat(audit.copyIfUnchanged(staged, stale, blob)).as("the staged copy changed since").isFalse();
        assertThat(read(blob)).hasValue(GARBAGE);
        String checked = audit.digest(staged, 1 << 20).orElseThrow().etag();
        assertThat(audit.copyIfUnchanged(staged, checked, blob)).isTrue();
        assertThat(read(blob)).hasValue(HONEST);
        assertThat(audit.copyIfUnchanged(BlobRef.staged(vault, HASH, LAPTOP), checked, blob)).as("no such copy").isFalse();
    }

    @Test
    void stagedBy_namesTheDevicesWithACopyOfThatContentOnly() {
        ContentHash other = ContentHash.ofBytes(GARBAGE);
        putRaw(BlobRef.staged(vault, HASH, PHONE), HONEST);
        putRaw(BlobRef.staged(vault, HASH, LAPTOP), GARBAGE);
        putRaw(BlobRef.staged(vault, other, PHONE), GARBAGE);
        putRaw(BlobRef.blob(vault, HASH), HONEST);

        assertThat(audit.stagedBy(vault, HASH)).containsExactlyInAnyOrder(PHONE, LAPTOP);
        assertThat(audit.stagedBy(vault, other)).containsExactly(PHONE);
        assertThat(audit.stagedBy(vault, ContentHash.ofBytes(new byte[] {7}))).isEmpty();

        audit.deleteStaged(BlobRef.staged(vault, HASH, LAPTOP));
        audit.deleteStaged(BlobRef.staged(vault, HASH, LAPTOP));
        assertThat(audit.stagedBy(vault, HASH)).containsExactly(PHONE);
        assertThat(read(BlobRef.blob(vault, HASH))).as("the blob stays").hasValue(HONEST);
    }

    @Test
    void presignStaged_takesTheContentUnderTheDevicesOwnNameOnly() {
        UploadTicket ticket = audit.presignStaged(BlobRef.staged(vault, HASH, PHONE), Duration.ofMinutes(5));

        upload(ticket, HONEST);

        assertThat(read(BlobRef.staged(vault, HASH, PHONE))).hasValue(HONEST);
        assertThat(read(BlobRef.blob(vault, HASH))).as("never the blob itself").isEmpty();
        assertThat(audit.stagedBy(vault, HASH)).containsExactly(PHONE);
        assertThatThrownBy(() -> upload(ticket, GARBAGE)).as("no overwrite with other bytes");
    }
}
