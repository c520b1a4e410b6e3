package io.skysync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small value types refuse bad values in their constructor, each with the error code a caller sees. */
class DomainValuesTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final VaultPath PATH = VaultPath.of("a.txt");
    private static final DeviceId DEVICE = new DeviceId("laptop-1");

    // ----- ContentHash -----

    @Test
    void contentHash_sha256OfKnownInput_matchesTheStandardVector() {
        assertThat(ContentHash.EMPTY.hex()).isEqualTo(EMPTY_SHA256);
        assertThat(ContentHash.ofBytes("abc".getBytes(StandardCharsets.US_ASCII)).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void contentHash_bytesAndBase64_roundTrip() {
        ContentHash hash = new ContentHash(EMPTY_SHA256);

        assertThat(ContentHash.of(hash.bytes())).isEqualTo(hash);
        assertThat(hash.base64()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(hash.shortHex()).isEqualTo("e3b0c44298fc");
        assertThat(hash.toString()).isEqualTo(EMPTY_SHA256);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",   // 63: short
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555", // 65: long
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",  // upper case
            "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // not hex
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ",  // space
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b78"})
    void contentHash_notSha256Hex_refusedWithInvalidHash(String hex) {
        assertRefused(() -> new ContentHash(hex), ErrorCode.INVALID_HASH);
    }

    @Test
    void contentHash_digestOfWrongLength_refused() {
        assertThatThrownBy(() -> ContentHash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    // ----- FileVersion and Seq -----

    @Test
    void fileVersion_zeroIsNoneAndNextCounts() {
        assertThat(FileVersion.of(0)).isSameAs(FileVersion.NONE);
        assertThat(FileVersion.NONE.isNone()).isTrue();
        assertThat(FileVersion.NONE.next()).isEqualTo(FileVersion.of(1));
        assertThat(FileVersion.of(1).isNone()).isFalse();
        assertThat(FileVersion.of(2)).isGreaterThan(FileVersion.of(1));
        assertThat(FileVersion.of(7).toString()).isEqualTo("7");
    }

    @Test
    void fileVersion_equalByValue() {
        assertThat(new FileVersion(7)).isEqualTo(FileVersion.of(7)).hasSameHashCodeAs(FileVersion.of(7))
                .isNotEqualTo(FileVersion.of(8)).isNotEqualTo(7L);
        assertThat(new FileVersion(0)).isEqualTo(FileVersion.NONE);
        assertThat(new FileVersion(Long.MAX_VALUE).hashCode()).isEqualTo(Long.hashCode(Long.MAX_VALUE));
    }

    @Test
    void fileVersion_negative_refusedWithInvalidVersion() {
        assertRefused(() -> FileVersion.of(-1), ErrorCode.INVALID_VERSION);
        assertRefused(() -> new FileVersion(Long.MIN_VALUE), ErrorCode.INVALID_VERSION);
    }

    @Test
    void seq_zeroAndPlus() {
        assertThat(Seq.of(0)).isSameAs(Seq.ZERO);
        assertThat(Seq.ZERO.plus(3)).isEqualTo(Seq.of(3));
        assertThat(Seq.of(3)).isGreaterThan(Seq.of(2));
        assertThat(Seq.of(12).toString()).isEqualTo("12");
    }

    @Test
    void seq_negative_refusedWithInvalidCursor() {
        assertRefused(() -> Seq.of(-1), ErrorCode.INVALID_CURSOR);
    }

    // ----- DeviceId and VaultId -----

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "laptop-1", "0123456789abcdef"})
    void deviceId_valid_accepted(String id) {
        assertThat(new DeviceId(id).value()).isEqualTo(id);
    }

    @Test
    void deviceId_64Characters_acceptedAnd65Refused() {
        assertThat(new DeviceId("d".repeat(64)).value()).hasSize(64);
        assertRefused(() -> new DeviceId("d".repeat(65)), ErrorCode.INVALID_DEVICE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-a", "Laptop", "a_b", "a.b", "a b", "a/b", "ä"})
    void deviceId_invalid_refusedWithInvalidDevice(String id) {
        assertRefused(() -> new DeviceId(id), ErrorCode.INVALID_DEVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "9", "my-vault", "my_vault_2"})
    void vaultId_valid_accepted(String id) {
        assertThat(new VaultId(id).toString()).isEqualTo(id);
    }

    @Test
    void vaultId_63Characters_acceptedAnd64Refused() {
        assertThat(new VaultId("v".repeat(63)).value()).hasSize(63);
        assertRefused(() -> new VaultId("v".repeat(64)), ErrorCode.INVALID_VAULT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"_a", "-a", "Vault", "a b", "a/b", "a.b", "..", "a%2F"})
    void vaultId_invalid_refusedWithInvalidVault(String id) {
        assertRefused(() -> new VaultId(id), ErrorCode.INVALID_VAULT);
    }

    // ----- Role -----

    @Test
    void role_permissions() {
        assertThat(Role.ADMIN.canWrite()).isTrue();
        assertThat(Role.MEMBER.canWrite()).isTrue();
        assertThat(Role.READ_ONLY.canWrite()).isFalse();
        assertThat(Role.ADMIN.canPair(Role.ADMIN)).isTrue();
        assertThat(Role.MEMBER.canPair(Role.ADMIN)).isFalse();
        assertThat(Role.MEMBER.canPair(Role.READ_ONLY)).isTrue();
        assertThat(Role.READ_ONLY.canPair(Role.READ_ONLY)).isFalse();
        assertThat(Role.ADMIN.canManageDevices()).isTrue();
        assertThat(Role.MEMBER.canManageDevices()).isFalse();
    }

    @Test
    void role_wireNames_roundTripAndUnknownRefused() {
        for (Role role : Role.values()) {
            assertThat(Role.fromWireName(role.wireName())).isEqualTo(role);
        }
        assertThat(Role.READ_ONLY.wireName()).isEqualTo("read-only");
        assertRefused(() -> Role.fromWireName("READ_ONLY"), ErrorCode.INVALID_REQUEST);
        assertRefused(() -> Role.fromWireName("owner"), ErrorCode.INVALID_REQUEST);
    }

    // ----- ManifestEntry -----

    @Test
    void manifestEntry_live_holdsItsContent() {
        ManifestEntry live = ManifestEntry.live(PATH, FileVersion.of(1), ContentHash.EMPTY, 0, 5, DEVICE, Seq.of(1), NOW);

        assertThat(live.deleted()).isFalse();
        assertThat(live.contentOrNull()).isEqualTo(ContentHash.EMPTY);
    }

    @Test
    void manifestEntry_tombstone_hasNoContentAndKeepsItsVersion() {
        ManifestEntry tomb = ManifestEntry.tombstone(PATH, FileVersion.of(4), DEVICE, Seq.of(9), NOW);

        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.hash()).isNull();
        assertThat(tomb.size()).isZero();
        assertThat(tomb.contentOrNull()).isNull();
        assertThat(tomb.version()).isEqualTo(FileVersion.of(4));
    }

    @Test
    void manifestEntry_tombstoneWithHashOrSize_refused() {
        assertRefused(() -> new ManifestEntry(PATH, FileVersion.of(2), ContentHash.EMPTY, 0, 0, true, DEVICE, Seq.of(1), NOW),
                ErrorCode.INVALID_REQUEST);
        assertRefused(() -> new ManifestEntry(PATH, FileVersion.of(2), null, 10, 0, true, DEVICE, Seq.of(1), NOW),
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void manifestEntry_versionNone_refused() {
        assertRefused(() -> ManifestEntry.live(PATH, FileVersion.NONE, ContentHash.EMPTY, 0, 0, DEVICE, Seq.of(1), NOW),
                ErrorCode.INVALID_VERSION);
        assertRefused(() -> ManifestEntry.tombstone(PATH, FileVersion.NONE, DEVICE, Seq.of(1), NOW),
                ErrorCode.INVALID_VERSION);
    }

    @Test
    void manifestEntry_liveWithoutHashOrWithNegativeSize_refused() {
        assertThatThrownBy(() -> ManifestEntry.live(PATH, FileVersion.of(1), null, 0, 0, DEVICE, Seq.of(1), NOW))
                .isInstanceOf(NullPointerException.class).hasMessage("hash");
        assertRefused(() -> ManifestEntry.live(PATH, FileVersion.of(1), ContentHash.EMPTY, -1, 0, DEVICE, Seq.of(1), NOW),
                ErrorCode.INVALID_SIZE);
    }

    @Test
    void deviceRecord_seenRoleAndRevoke_returnChangedCopies() {
        DeviceRecord device = new DeviceRecord(DEVICE, "Laptop", Role.MEMBER, "h", NOW, NOW, Seq.ZERO, false);

        assertThat(device.seen(NOW.plusSeconds(5), Seq.of(3))).satisfies(d -> {
            assertThat(d.lastSeen()).isEqualTo(NOW.plusSeconds(5));
            assertThat(d.cursor()).isEqualTo(Seq.of(3));
        });
        assertThat(device.withRole(Role.READ_ONLY).role()).isEqualTo(Role.READ_ONLY);
        assertThat(device.revoke().revoked()).isTrue();
        assertThat(device.revoked()).isFalse();
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
