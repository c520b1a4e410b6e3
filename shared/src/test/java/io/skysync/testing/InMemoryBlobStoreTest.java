package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.UploadTicket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryBlobStoreTest {
    private static final VaultId VAULT = new VaultId("my_vault");
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(BODY);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void upload_throughAPresignedTicket_storesTheBlob() {
        UploadTicket ticket = blobs.presignPut(VAULT, HASH, BODY.length, Duration.ofMinutes(15));

        blobs.upload(ticket, BODY);

        assertThat(ticket.url().toString()).startsWith("memory://");
        assertThat(ticket.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(blobs.size(VAULT, HASH)).hasValue(BODY.length);
        assertThat(blobs.get(VAULT, HASH)).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));
        assertThat(blobs.presignedPuts()).isEqualTo(1);
    }

    @Test
    void upload_wrongLengthWrongContentOrExpired_refusedAndNothingStored() {
        UploadTicket ticket = blobs.presignPut(VAULT, HASH, BODY.length, Duration.ofMinutes(15));

        assertThatThrownBy(() -> blobs.upload(ticket, "hello!".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.upload(ticket, "HELLO".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        now.set(now.get().plus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> blobs.upload(ticket, BODY)).isInstanceOf(IllegalStateException.class);
        assertThat(blobs.size(VAULT, HASH)).isEmpty();
        assertThat(blobs.count()).isZero();
    }

    @Test
    void download_presignedGet_returnsTheBytesUntilItExpires() {
        blobs.put(VAULT, BODY);
        var ticket = blobs.presignGet(VAULT, HASH, Duration.ofMinutes(1));

        assertThat(blobs.download(ticket.url())).hasValueSatisfying(b -> assertThat(b).isEqualTo(BODY));
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> blobs.download(ticket.url())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sizes_blobsOfOtherVaultsAreNotVisible() {
        blobs.put(VAULT, BODY);
        ContentHash absent = ContentHash.ofBytes(new byte[0]);

        assertThat(blobs.sizes(VAULT, List.of(HASH, absent))).containsOnlyKeys(HASH);
        assertThat(blobs.size(new VaultId("other"), HASH)).isEmpty();
    }

    @Test
    void putCorrupt_keepsBytesThatDoNotMatchTheHash() {
        blobs.putCorrupt(VAULT, HASH, "evil".getBytes(StandardCharsets.UTF_8));

        assertThat(blobs.size(VAULT, HASH)).hasValue(4);
    }
}
