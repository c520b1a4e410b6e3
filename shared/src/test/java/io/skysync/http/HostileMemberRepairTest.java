package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.BlobRef;
import io.skysync.service.BlobRepairs;
import io.skysync.service.LostBlob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.UploadTicket;
import io.skysync.testing.InMemoryBlobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile member on a store whose upload URLs cannot pin the content (Azure's create-only SAS):
 * it plants garbage under the hash of content an honest device is about to sync, the honest device
 * skips its upload and commits, a reader finds the mismatch and asks the server to verify. The
 * attack must heal without losing the honest content, also when the attacker tries to win the
 * re-upload race with a second upload URL it kept and with its own repair uploads.
 */
class HostileMemberRepairTest {
    private static final String VAULT = "v1";
    private static final byte[] REPORT = "the quarterly report, honest version".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash HASH = ContentHash.ofBytes(REPORT);
    private static final byte[] GARBAGE = "x".repeat(REPORT.length).getBytes(StandardCharsets.UTF_8);

    private DevicesFixture api;
    private String honest;
    private String attacker;
    private String reader;
    private DeviceId honestId;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture(new Random(3), InMemoryBlobStore.Uploads.CREATE_ONLY);
        honest = api.createVault(VAULT);
        honestId = new DeviceId(honest.substring(0, honest.indexOf('.')));
        attacker = api.pairNew(VAULT, honest, "mallory", "member").get("token").asText();
        reader = api.pairNew(VAULT, honest, "tablet", "read-only").get("token").asText();
    }

    @Test
    void plantedGarbage_isFoundVerifiedRemovedAndHealedFromTheHonestDevice() {
        List<UploadDto> kept = new ArrayList<>();
        kept.addAll(planUploads(attacker, "decoy-1"));
        kept.addAll(planUploads(attacker, "decoy-2")); // a second URL, kept for after the removal
        upload(kept.get(0), GARBAGE);

        // The honest device: the vault "has" the blob at the right size, so it uploads nothing.
        assertThat(planUploads(honest, "report.txt")).isEmpty();
        commit(honest, "report.txt");
        assertThat(download(reader)).isEqualTo(GARBAGE);

        JsonNode verified = verify(reader);
        assertThat(verified.get("status").asText()).isEqualTo("removed");
        assertThat(verified.get("hash").asText()).isEqualTo(HASH.hex());
        assertThat(api.blobs.get(new VaultId(VAULT), HASH)).isEmpty();

        // The attacker tries to win the re-upload race: its kept URL still works on a missing blob,
        // and its new uploads go to its own staged name, never to the blob.
        upload(kept.get(1), GARBAGE);
        List<UploadDto> again = planUploads(attacker, "decoy-3");
        assertThat(again).hasSize(1);
        upload(again.get(0), GARBAGE);
        assertThat(api.blobs.get(BlobRef.staged(new VaultId(VAULT), HASH, attackerId()))).hasValue(GARBAGE);

        // The honest device's next plans: a repair ticket, then its staged copy is checked and put in place.
        JsonNode plan = plan(honest, List.of());
        assertThat(plan.get("repairs")).hasSize(1);
        UploadDto repair = ApiJson.mapper().convertValue(plan.get("repairs").get(0), UploadDto.class);
        assertThat(repair.hash()).isEqualTo(HASH.hex());
        assertThat(repair.url()).contains("/repairs/" + HASH.hex() + "/" + honestId.value());
        upload(repair, REPORT);
        JsonNode next = plan(honest, List.of());

        assertThat(next.has("repairs")).as("no repairs left").isFalse();
        assertThat(download(reader)).as("the honest content, over the attacker's second plant").isEqualTo(REPORT);
        assertThat(api.repairs.lost(new VaultId(VAULT), 10)).isEmpty();
        assertThat(api.blobs.stagedBy(new VaultId(VAULT), HASH)).as("staged copies dropped").isEmpty();
        // With the blob in place, a create-only URL cannot touch it any more.
        assertThatThrownBy(() -> upload(kept.get(1), GARBAGE)).hasMessageContaining("403");
    }

    /**
     * A plant of another size: the honest device's upload meets the planted blob (create-only) and
     * its commit answers {@code missing_blob}, so no entry references the content and no reader
     * ever finds the mismatch. The uploader asks for the check itself; the wrong bytes are removed
     * and the content recorded as lost although nothing references it yet, so the attacker cannot
     * plant the blob's name again and the honest copy goes in through a checked, staged upload.
     */
    @Test
    void plantedGarbageOfAnotherSize_verifiedByTheUploader_isRemovedAndHealedBeforeAnyCommit() {
        JsonNode attackerPlan = plan(attacker, List.of(obj("path", "decoy", "baseVersion", 0, "hash", HASH.hex(),
                "size", 1L)));
        UploadDto plant = ApiJson.mapper().convertValue(attackerPlan.get("uploads").get(0), UploadDto.class);
        upload(plant, new byte[] {'x'});
        List<UploadDto> honestUploads = planUploads(honest, "report.txt");
        assertThat(honestUploads).as("the vault holds the blob at another size").hasSize(1);
        assertThatThrownBy(() -> upload(honestUploads.get(0), REPORT)).hasMessageContaining("403");
        assertThat(commitStatus(honest, "report.txt")).isEqualTo("missing_blob");

        assertThat(verify(honest).get("status").asText()).isEqualTo("removed");

        List<UploadDto> again = planUploads(attacker, "decoy-2");
        assertThat(again).hasSize(1);
        assertThat(again.get(0).url()).as("the attacker's next upload is staged, never the blob")
                .contains("/repairs/" + HASH.hex() + "/");
        upload(again.get(0), new byte[] {'x'});
        List<UploadDto> staged = planUploads(honest, "report.txt");
        assertThat(staged.get(0).url()).contains("/repairs/" + HASH.hex() + "/" + honestId.value());
        upload(staged.get(0), REPORT);
        plan(honest, List.of());

        assertThat(commitStatus(honest, "report.txt")).isEqualTo("committed");
        assertThat(download(reader)).isEqualTo(REPORT);
        assertThat(api.repairs.lost(new VaultId(VAULT), 10)).isEmpty();
    }

    @Test
    void stagedGarbage_isCheckedAndDroppedNeverPromoted() {
        List<UploadDto> first = planUploads(attacker, "decoy-1");
        upload(first.get(0), GARBAGE);
        commit(honest, "report.txt");
        assertThat(verify(reader).get("status").asText()).isEqualTo("removed");
        JsonNode attackerPlan = plan(attacker, List.of());
        UploadDto attackerRepair = ApiJson.mapper().convertValue(attackerPlan.get("repairs").get(0), UploadDto.class);
        upload(attackerRepair, GARBAGE);

        JsonNode again = plan(attacker, List.of());

        assertThat(again.get("repairs")).as("still lost").hasSize(1);
        assertThat(api.blobs.get(new VaultId(VAULT), HASH)).as("never promoted").isEmpty();
        assertThat(api.blobs.stagedBy(new VaultId(VAULT), HASH)).as("the wrong copy dropped").isEmpty();
    }

    @Test
    void verify_intactAbsentAndItsBudgets() {
        ContentHash good = api.putBlob(VAULT, "fine");
        assertThat(verify(reader, good).get("status").asText()).isEqualTo("intact");
        assertThat(verify(reader, ContentHash.ofBytes(new byte[] {9})).get("status").asText()).isEqualTo("absent");

        assertError(post("/v1/vaults/" + VAULT + "/blobs/verify", reader, obj("hash", good.hex())), ErrorCode.RATE_LIMITED);
        api.clock.advance(BlobRepairs.WINDOW.plusSeconds(1));
        assertThat(verify(reader, good).get("status").asText()).as("a new window").isEqualTo("intact");
        for (int i = 1; i < BlobRepairs.MAX_VERIFICATIONS; i++) {
            verify(honest, ContentHash.ofBytes(new byte[] {(byte) i}));
        }
        assertError(post("/v1/vaults/" + VAULT + "/blobs/verify", honest, obj("hash", HASH.hex())), ErrorCode.RATE_LIMITED);
        assertError(post("/v1/vaults/" + VAULT + "/blobs/verify", null, obj("hash", HASH.hex())), ErrorCode.UNAUTHORIZED);
        assertError(post("/v1/vaults/" + VAULT + "/blobs/verify", reader, obj("hash", "nope")), ErrorCode.INVALID_HASH);
    }

    @Test
    void verify_absentBlobThatAnEntryReferences_isRecordedLostAndAskedFor() {
        ContentHash hash = api.putBlob(VAULT, "soon gone");
        assertOk(post("/v1/vaults/" + VAULT + "/commit", honest, obj("entries", List.of(
                obj("path", "gone.txt", "baseVersion", 0, "hash", hash.hex(), "size", 9, "mtime", 1)))), 200);
        api.blobs.delete(new VaultId(VAULT), hash); // storage lost it

        assertThat(verify(reader, hash).get("status").asText()).isEqualTo("absent");

        assertThat(plan(honest, List.of()).get("repairs")).extracting(r -> r.get("hash").asText())
                .containsExactly(hash.hex());
        assertThat(plan(reader, List.of()).has("repairs")).as("read-only devices upload nothing").isFalse();
    }

    /**
     * A chunked file's whole content has no blob of its own (its recipe and chunks are the blobs), so
     * its absence is no loss: before, any device (a read-only one too) that asked for its hash made
     * every writer's plans carry a repair ticket for the whole file, and a device holding a file over
     * the 256 MiB the server hashes uploaded it whole again at every plan, for ever.
     */
    @Test
    void verify_wholeContentOfAChunkedFile_isAbsentAndNoLoss() {
        ChunkedUpload file = ChunkedUpload.of("first chunk-", "second chunk");
        VaultId vault = new VaultId(VAULT);
        api.blobs.put(vault, file.recipe());
        file.parts().forEach(p -> api.blobs.put(vault, p));
        JsonNode committed = assertOk(post("/v1/vaults/" + VAULT + "/commit", honest,
                obj("entries", List.of(file.entry("big.bin", 0)))), 200);
        assertThat(committed.get("results").get(0).get("status").asText()).isEqualTo("committed");

        assertThat(verify(reader, file.hash()).get("status").asText()).isEqualTo("absent");

        assertThat(api.repairs.lost(vault, 10)).as("nothing recorded lost").isEmpty();
        assertThat(plan(honest, List.of()).has("repairs")).as("no repair asked of the writers").isFalse();
    }

    @Test
    void cleanup_dropsTheRecordsAndStagedCopiesOfLostContentNobodyReferences() {
        ContentHash referenced = api.putBlob(VAULT, "still needed");
        assertOk(post("/v1/vaults/" + VAULT + "/commit", honest, obj("entries", List.of(
                obj("path", "kept.txt", "baseVersion", 0, "hash", referenced.hex(), "size", 12, "mtime", 1)))), 200);
        VaultId vault = new VaultId(VAULT);
        ContentHash orphan = ContentHash.ofBytes("nobody's".getBytes(StandardCharsets.UTF_8));
        api.repairs.markLost(vault, new LostBlob(orphan, api.clock.instant()));
        api.repairs.markLost(vault, new LostBlob(referenced, api.clock.instant()));
        api.blobs.putRaw(BlobRef.staged(vault, orphan, honestId), GARBAGE);

        api.retentionJobWithRepairs(RetentionPolicy.DEFAULT).run();

        assertThat(api.repairs.lost(vault, 10)).extracting(LostBlob::hash).containsExactly(referenced);
        assertThat(api.blobs.stagedBy(vault, orphan)).isEmpty();
    }

    // ----- requests -----

    private List<UploadDto> planUploads(String token, String path) {
        JsonNode plan = plan(token, List.of(obj("path", path, "baseVersion", 0, "hash", HASH.hex(),
                "size", (long) REPORT.length)));
        List<UploadDto> out = new ArrayList<>();
        plan.get("uploads").forEach(u -> out.add(ApiJson.mapper().convertValue(u, UploadDto.class)));
        return out;
    }

    private JsonNode plan(String token, List<Map<String, Object>> changes) {
        return assertOk(post("/v1/vaults/" + VAULT + "/plan", token, obj("cursor", 0, "changes", changes)), 200);
    }

    private String commitStatus(String token, String path) {
        JsonNode result = assertOk(post("/v1/vaults/" + VAULT + "/commit", token, obj("entries", List.of(
                obj("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", (long) REPORT.length, "mtime", 1)))), 200);
        return result.get("results").get(0).get("status").asText();
    }

    private void commit(String token, String path) {
        JsonNode result = assertOk(post("/v1/vaults/" + VAULT + "/commit", token, obj("entries", List.of(
                obj("path", path, "baseVersion", 0, "hash", HASH.hex(), "size", (long) REPORT.length, "mtime", 1)))), 200);
        assertThat(result.get("results").get(0).get("status").asText()).isEqualTo("committed");
    }

    private byte[] download(String token) {
        JsonNode urls = assertOk(post("/v1/vaults/" + VAULT + "/download-urls", token,
                obj("files", List.of(obj("path", "report.txt")))), 200);
        return api.blobs.download(URI.create(urls.get("urls").get(0).get("url").asText())).orElseThrow();
    }

    private JsonNode verify(String token) {
        return verify(token, HASH);
    }

    private JsonNode verify(String token, ContentHash hash) {
        return assertOk(post("/v1/vaults/" + VAULT + "/blobs/verify", token, obj("hash", hash.hex())), 200);
    }

    private void upload(UploadDto dto, byte[] body) {
        api.blobs.upload(new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(),
                Instant.parse(dto.expiresAt())), body);
    }

    private ApiResponse post(String path, String token, Object body) {
        return api.post(path, token, body);
    }

    private DeviceId attackerId() {
        return new DeviceId(attacker.substring(0, attacker.indexOf('.')));
    }
}
