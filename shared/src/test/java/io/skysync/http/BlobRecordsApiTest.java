package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manifest's blob records (docs/devices.md, "Blob records"): plan and commit ask storage only
 * about blobs the vault has no record of, many at a time, and the clean-up and blob repair take a
 * record away before its blob, so a removed blob never stays known.
 */
class BlobRecordsApiTest {
    private static final String VAULT = "v1";
    private static final VaultId ID = new VaultId(VAULT);

    private DevicesFixture api;
    private String laptop;
    private String phone;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture(new Random(5));
        laptop = api.createVault(VAULT);
        phone = api.pairNew(VAULT, laptop, "phone", "member").get("token").asText();
    }

    @Test
    void firstSyncOfManyFiles_asksStorageAFewTimesNotTwicePerBlob() {
        List<Map<String, Object>> files = files("a/", 300);

        long storageRequests = storageRequests();
        List<UploadDto> uploads = planUploads(laptop, files);
        assertThat(uploads).hasSize(300);
        uploads.forEach(u -> upload(u, content(u.hash(), files)));
        commitAll(laptop, files);

        assertThat(storageRequests() - storageRequests).as("one listing for the plan, one for the commit")
                .isLessThanOrEqualTo(2);
        assertThat(api.memory.blobRecords(ID)).hasSize(300);
    }

    @Test
    void contentTheVaultAlreadyReferences_costsNoStorageRequestAtAll() {
        List<Map<String, Object>> files = files("a/", 30);
        planUploads(laptop, files).forEach(u -> upload(u, content(u.hash(), files)));
        commitAll(laptop, files);
        List<Map<String, Object>> copies = files("copy-on-phone/", 30);

        long storageRequests = storageRequests();
        assertThat(planUploads(phone, copies)).as("the vault holds every content").isEmpty();
        commitAll(phone, copies);

        assertThat(storageRequests() - storageRequests).isZero();
    }

    @Test
    void cleanup_removesTheRecordWithTheBlob_soTheNextPlanAsksForAnUpload() {
        List<Map<String, Object>> files = files("a/", 1);
        planUploads(laptop, files).forEach(u -> upload(u, content(u.hash(), files)));
        commitAll(laptop, files);
        assertOk(api.post("/v1/vaults/" + VAULT + "/commit", laptop, obj("entries", List.of(
                obj("path", "a/0.txt", "baseVersion", 1, "deleted", true)))), 200);
        RetentionPolicy quick = new RetentionPolicy(Duration.ofDays(1), 1, Duration.ZERO, Duration.ofHours(1));
        for (int run = 0; run < 2; run++) {
            api.clock.advance(Duration.ofDays(2));
            api.retentionJob(quick).run();
        }
        ContentHash hash = new ContentHash((String) files.get(0).get("hash"));
        assertThat(api.blobs.get(ID, hash)).as("collected").isEmpty();

        assertThat(api.memory.blobRecords(ID)).doesNotContainKey(hash);
        assertThat(planUploads(phone, files("b/", 1))).as("asked for again").hasSize(1);
    }

    @Test
    void verifyRemovingWrongBytes_forgetsTheRecord_soACommitOfThatContentIsRefused() {
        ContentHash hash = ContentHash.ofBytes("honest".getBytes(StandardCharsets.UTF_8));
        api.blobs.putCorrupt(ID, hash, "wrong!".getBytes(StandardCharsets.UTF_8));
        commitAll(laptop, List.of(file("report.txt", "honest")));
        assertThat(api.memory.blobRecords(ID)).containsKey(hash);

        JsonNode verified = assertOk(api.post("/v1/vaults/" + VAULT + "/blobs/verify", phone, obj("hash", hash.hex())), 200);

        assertThat(verified.get("status").asText()).isEqualTo("removed");
        assertThat(api.memory.blobRecords(ID)).doesNotContainKey(hash);
        JsonNode again = assertOk(api.post("/v1/vaults/" + VAULT + "/commit", phone,
                obj("entries", List.of(withMtime(file("copy.txt", "honest"))))), 200);
        assertThat(again.get("results").get(0).get("status").asText()).isEqualTo("missing_blob");
    }

    @Test
    void aRecordWrittenBackWhileTheContentIsLost_isNotTrusted() {
        ContentHash hash = ContentHash.ofBytes("honest".getBytes(StandardCharsets.UTF_8));
        api.blobs.putCorrupt(ID, hash, "wrong!".getBytes(StandardCharsets.UTF_8));
        commitAll(laptop, List.of(file("report.txt", "honest")));
        assertOk(api.post("/v1/vaults/" + VAULT + "/blobs/verify", phone, obj("hash", hash.hex())), 200);
        // A commit that saw the wrong bytes before their removal writes its record after the verification's.
        api.memory.recordBlobs(ID, Map.of(hash, 6L));

        JsonNode again = assertOk(api.post("/v1/vaults/" + VAULT + "/commit", phone,
                obj("entries", List.of(withMtime(file("copy.txt", "honest"))))), 200);

        assertThat(again.get("results").get(0).get("status").asText()).isEqualTo("missing_blob");
    }

    // ----- helpers -----

    private long storageRequests() {
        return api.blobs.sizeLookups() + api.blobs.listPages();
    }

    private static List<Map<String, Object>> files(String folder, int count) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(file(folder + i + ".txt", "content " + i));
        }
        return out;
    }

    private static Map<String, Object> file(String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return obj("path", path, "baseVersion", 0, "hash", ContentHash.ofBytes(bytes).hex(), "size", (long) bytes.length,
                "text", text);
    }

    private static Map<String, Object> withMtime(Map<String, Object> file) {
        Map<String, Object> out = new HashMap<>(file);
        out.remove("text");
        out.put("mtime", 1L);
        return out;
    }

    private static byte[] content(String hash, List<Map<String, Object>> files) {
        return files.stream().filter(f -> f.get("hash").equals(hash)).findFirst()
                .map(f -> ((String) f.get("text")).getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    private List<UploadDto> planUploads(String token, List<Map<String, Object>> files) {
        List<Map<String, Object>> changes = files.stream().map(f -> obj("path", f.get("path"), "baseVersion", 0,
                "hash", f.get("hash"), "size", f.get("size"))).toList();
        JsonNode plan = assertOk(api.post("/v1/vaults/" + VAULT + "/plan", token, obj("cursor", head(), "changes", changes)), 200);
        List<UploadDto> out = new ArrayList<>();
        plan.get("uploads").forEach(u -> out.add(ApiJson.mapper().convertValue(u, UploadDto.class)));
        return out;
    }

    /** The device is up to date: this test is about blobs, not the change feed. */
    private long head() {
        return api.memory.vault(ID).orElseThrow().seq().value();
    }

    private void commitAll(String token, List<Map<String, Object>> files) {
        JsonNode results = assertOk(api.post("/v1/vaults/" + VAULT + "/commit", token,
                obj("entries", files.stream().map(BlobRecordsApiTest::withMtime).toList())), 200).get("results");
        results.forEach(r -> assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("committed"));
    }

    private void upload(UploadDto dto, byte[] body) {
        api.blobs.upload(new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(),
                Instant.parse(dto.expiresAt())), body);
    }
}
