package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobMark;
import io.skysync.service.BlobSweeper;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.StoredBlob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules a blob record lives by, tried as an attacker would (docs/devices.md, "Blob records"):
 * only the server writes one, from what storage showed, never from what a device claims; the
 * clean-up takes it away before the blob, and while the clean-up holds a blob a record does not
 * make it present; a verification that finds the blob gone or wrong takes it away too.
 */
class BlobRecordTrustTest {
    private static final String VAULT = "v1";
    private static final VaultId ID = new VaultId(VAULT);
    private static final byte[] HONEST = "honest bytes".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(HONEST);

    private DevicesFixture api;
    private String laptop;
    private String phone;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture(new Random(7));
        laptop = api.createVault(VAULT);
        phone = api.pairNew(VAULT, laptop, "phone", "member").get("token").asText();
    }

    @Test
    void aCommitClaimingABlobStorageLacks_isRefusedAndWritesNoRecord() {
        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("missing_blob");
        assertThat(plan(phone, "b.txt", HONEST.length).get("uploads")).as("still asked for").hasSize(1);

        assertThat(api.memory.blobRecords(ID)).doesNotContainKey(HASH);
    }

    @Test
    void aBlobOfAnotherSize_isRecordedAtTheSizeStorageShows_neverTheClaimedOne() {
        byte[] longer = "wrong and longer bytes".getBytes(StandardCharsets.UTF_8);
        api.blobs.putCorrupt(ID, HASH, longer);

        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("missing_blob");

        assertThat(api.memory.blobRecords(ID).get(HASH)).isIn(null, (long) longer.length);
        assertThat(commit(phone, "b.txt", HONEST.length)).as("the record does not vouch for the claim").isEqualTo("missing_blob");
    }

    @Test
    void aRecordOfAnotherSizeThanTheBlobNowHas_isCheckedInStorage_notTrustedToRefuse() {
        // Left by a commit that saw wrong bytes just before a verification removed them.
        api.memory.recordBlobs(ID, Map.of(HASH, 99L));
        api.blobs.putCorrupt(ID, HASH, HONEST);

        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("committed");
        assertThat(api.memory.blobRecords(ID)).containsEntry(HASH, (long) HONEST.length);
    }

    @Test
    void whileTheCleanUpHoldsABlob_itsRecordDoesNotMakeItPresent() {
        api.blobs.putCorrupt(ID, HASH, HONEST);
        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("committed");
        assertThat(api.memory.blobRecords(ID)).containsKey(HASH);
        // The clean-up doomed the blob (it is about to delete it) and has not reached its record yet.
        assertThat(api.retention.mark(ID, HASH, api.clock.instant())).isTrue();
        BlobMark mark = api.retention.marks(ID, List.of(HASH)).get(HASH);
        assertThat(api.retention.doom(ID, mark)).isTrue();

        // Beside a blob nobody holds, so the guard's answer is not simply "none of them".
        byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);
        ContentHash otherHash = api.blobs.put(ID, other);
        JsonNode results = assertOk(api.post("/v1/vaults/" + VAULT + "/commit", phone, obj("entries", List.of(
                obj("path", "b.txt", "baseVersion", 0, "hash", HASH.hex(), "size", (long) HONEST.length, "mtime", 1L),
                obj("path", "o.txt", "baseVersion", 0, "hash", otherHash.hex(), "size", (long) other.length,
                        "mtime", 1L)))), 200).get("results");

        assertThat(results.get(0).get("status").asText()).isEqualTo("missing_blob");
        assertThat(results.get(1).get("status").asText()).isEqualTo("committed");
        assertThat(plan(phone, "c.txt", HONEST.length).get("uploads")).hasSize(1);
    }

    @Test
    void theCleanUpForgetsTheRecordBeforeItDeletesTheBlob() {
        api.blobs.putCorrupt(ID, HASH, HONEST);
        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("committed");
        assertOk(api.post("/v1/vaults/" + VAULT + "/commit", laptop, obj("entries", List.of(
                obj("path", "a.txt", "baseVersion", 1, "deleted", true)))), 200);
        RecordWatchingSweeper sweeper = new RecordWatchingSweeper();
        RetentionPolicy quick = new RetentionPolicy(Duration.ofDays(1), 1, Duration.ZERO, Duration.ofHours(1));

        for (int run = 0; run < 2; run++) {
            api.clock.advance(Duration.ofDays(2));
            new RetentionJob(api.memory, api.retention, sweeper, api.clock, quick).run();
        }

        assertThat(api.blobs.get(ID, HASH)).as("collected").isEmpty();
        assertThat(sweeper.recordedAtDelete).as("the record when the blob was deleted").containsExactly(false);
    }

    @Test
    void aVerificationThatFindsTheBlobGone_forgetsTheRecord() {
        api.blobs.putCorrupt(ID, HASH, HONEST);
        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("committed");
        api.blobs.delete(ID, HASH);

        JsonNode verified = assertOk(api.post("/v1/vaults/" + VAULT + "/blobs/verify", phone,
                obj("hash", HASH.hex())), 200);

        assertThat(verified.get("status").asText()).isEqualTo("absent");
        assertThat(api.memory.blobRecords(ID)).doesNotContainKey(HASH);
        assertThat(commit(phone, "b.txt", HONEST.length)).isEqualTo("missing_blob");
    }

    @Test
    void aVerificationThatFindsWrongBytes_leavesNoRecordThatCountsForTheContent() {
        api.blobs.putCorrupt(ID, HASH, "planted!!!!!".getBytes(StandardCharsets.UTF_8));
        assertThat(commit(laptop, "a.txt", HONEST.length)).isEqualTo("committed");

        JsonNode verified = assertOk(api.post("/v1/vaults/" + VAULT + "/blobs/verify", phone,
                obj("hash", HASH.hex())), 200);

        assertThat(verified.get("status").asText()).isEqualTo("removed");
        assertThat(api.memory.blobRecords(ID)).doesNotContainKey(HASH);
        assertThat(commit(phone, "b.txt", HONEST.length)).isEqualTo("missing_blob");
    }

    // ----- helpers -----

    /** The fixture's blobs, noting at each delete whether the manifest still records the blob. */
    private final class RecordWatchingSweeper implements BlobSweeper {
        final List<Boolean> recordedAtDelete = new ArrayList<>();

        @Override
        public Stream<StoredBlob> blobs(VaultId vault) {
            return api.blobs.blobs(vault);
        }

        @Override
        public Optional<InputStream> open(VaultId vault, ContentHash hash) {
            return api.blobs.open(vault, hash);
        }

        @Override
        public void delete(VaultId vault, ContentHash hash) {
            recordedAtDelete.add(api.memory.blobRecords(vault).containsKey(hash));
            api.blobs.delete(vault, hash);
        }
    }

    private String commit(String token, String path, long size) {
        JsonNode results = assertOk(api.post("/v1/vaults/" + VAULT + "/commit", token, obj("entries", List.of(
                obj("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", size, "mtime", 1L)))), 200)
                .get("results");
        return results.get(0).get("status").asText();
    }

    private JsonNode plan(String token, String path, long size) {
        long head = api.memory.vault(ID).orElseThrow().seq().value();
        return assertOk(api.post("/v1/vaults/" + VAULT + "/plan", token, obj("cursor", head, "changes", List.of(
                obj("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", size)))), 200);
    }
}
