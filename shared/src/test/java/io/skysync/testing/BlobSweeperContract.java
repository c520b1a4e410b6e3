package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.service.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlobSweeper} must pass. A store's test implements {@link #sweeper()}
 * and {@link #upload} (put a blob the way a client would, at the store's current time); each test
 * works in a vault of its own.
 */
public abstract class BlobSweeperContract {
    /** The emulator's clock and the test's may differ a little. */
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    protected BlobSweeper sweeper;
    protected VaultId vault;

    protected abstract BlobSweeper sweeper();

    /** Stores {@code content} as the vault's blob {@code vaults/<vault>/blobs/<sha256>}. */
    protected abstract void upload(VaultId vault, byte[] content);

    /** What "now" is for the store's last-modified times (the wall clock by default). */
    protected Instant now() {
        return Instant.now();
    }

    @BeforeEach
    void freshVault() {
        sweeper = sweeper();
        vault = newVault();
    }

    protected static VaultId newVault() {
        return new VaultId(("bs-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }

    @Test
    void blobs_listsEachWithSizeAndLastModified() {
        Instant before = now();
        upload(vault, bytes("hello"));
        upload(vault, bytes(""));
        Instant after = now();

        List<StoredBlob> listed = list(vault);

        assertThat(listed).extracting(StoredBlob::hash, StoredBlob::size).containsExactlyInAnyOrder(
                tuple(hash("hello"), 5L),
                tuple(hash(""), 0L));
        assertThat(listed).allSatisfy(b -> assertThat(b.lastModified())
                .isBetween(before.minus(SKEW), after.plus(SKEW)));
    }

    @Test
    void blobs_ofAVaultWhoseNameExtendsAnother_notListed() {
        VaultId longer = new VaultId(vault.value() + "x");
        upload(vault, bytes("mine"));
        upload(longer, bytes("theirs"));

        assertThat(list(vault)).extracting(StoredBlob::hash).containsExactly(hash("mine"));
        assertThat(list(longer)).extracting(StoredBlob::hash).containsExactly(hash("theirs"));
    }

    @Test
    void delete_removesOnlyThatBlobAndAbsentIsFine() {
        upload(vault, bytes("keep"));
        upload(vault, bytes("drop"));

        sweeper.delete(vault, hash("drop"));
        sweeper.delete(vault, hash("never-there"));

        assertThat(list(vault)).extracting(StoredBlob::hash).containsExactly(hash("keep"));
    }

    @Test
    void blobs_emptyVault_empty() {
        assertThat(list(newVault())).isEmpty();
    }

    @Test
    void open_storedBlob_itsBytes_absentBlob_empty() throws IOException {
        upload(vault, bytes("a recipe, say"));

        try (InputStream in = sweeper.open(vault, hash("a recipe, say")).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("a recipe, say"));
        }
        assertThat(sweeper.open(vault, hash("never stored"))).isEmpty();
        assertThat(sweeper.open(newVault(), hash("a recipe, say"))).as("another vault's blob").isEmpty();
    }

    protected List<StoredBlob> list(VaultId v) {
        try (Stream<StoredBlob> blobs = sweeper.blobs(v)) {
            return blobs.toList();
        }
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static ContentHash hash(String text) {
        return ContentHash.ofBytes(bytes(text));
    }
}
