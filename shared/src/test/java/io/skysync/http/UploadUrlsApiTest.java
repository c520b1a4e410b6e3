package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.CommitStatus;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/vaults/{vault}/upload-urls}: uploads without a plan, for the blobs the vault lacks. */
class UploadUrlsApiTest {
    private static final String URL = "/v1/vaults/v1/upload-urls";

    private ApiFixture api;
    private String admin;
    private ContentHash present;
    private ContentHash missing;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(ApiFixture.SECRET);
        admin = api.createVault("v1");
        present = api.putBlob("v1", "already here");
        missing = ContentHash.ofBytes("not uploaded yet".getBytes(StandardCharsets.UTF_8));
        api.store.clear();
    }

    private static Map<String, Object> blob(ContentHash hash, long size) {
        return obj("hash", hash.hex(), "size", size);
    }

    @Test
    void uploadUrls_mixedBatch_answersUploadsOnlyForTheBlobsTheVaultLacks() {
        JsonNode answer = assertOk(api.post(URL, admin, obj("blobs", List.of(blob(present, 12), blob(missing, 16)))), 200);

        assertThat(answer.size()).as("only uploads").isEqualTo(1);
        JsonNode uploads = answer.get("uploads");
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).get("hash").asText()).isEqualTo(missing.hex());
        assertThat(uploads.get(0).get("method").asText()).isEqualTo("PUT");
        assertThat(uploads.get(0).get("headers").get("Content-Length").asText()).isEqualTo("16");
        assertThat(uploads.get(0).get("expiresAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
    }

    @Test
    void uploadUrls_blobStoredWithAnotherSize_isOfferedAgain() {
        JsonNode answer = assertOk(api.post(URL, admin, obj("blobs", List.of(blob(present, 99)))), 200);

        assertThat(answer.get("uploads")).hasSize(1);
    }

    @Test
    void uploadUrls_sameBlobTwice_countsOnce() {
        JsonNode answer = assertOk(api.post(URL, admin, obj("blobs", List.of(blob(missing, 16), blob(missing, 16)))), 200);

        assertThat(answer.get("uploads")).hasSize(1);
    }

    @Test
    void uploadUrls_emptyBatch_answersNoUploadsAndWritesNothing() {
        JsonNode answer = assertOk(api.post(URL, admin, obj("blobs", List.of())), 200);

        assertThat(answer.get("uploads")).isEmpty();
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void uploadUrls_thenUploadAndCommit_commitsWithoutAPlan() {
        byte[] content = "not uploaded yet".getBytes(StandardCharsets.UTF_8);
        JsonNode upload = assertOk(api.post(URL, admin, obj("blobs", List.of(blob(missing, content.length)))), 200)
                .get("uploads").get(0);
        api.blobs.upload(new UploadTicket(URI.create(upload.get("url").asText()), "PUT", Map.of(), Instant.EPOCH), content);

        JsonNode commit = assertOk(api.post("/v1/vaults/v1/commit", admin,
                ApiFixture.commitBody(ApiFixture.entry("n.txt", 0, missing, content.length))), 200);

        assertThat(commit.get("results").get(0).get("status").asText()).isEqualTo(CommitStatus.COMMITTED.wireName());
    }

    @Test
    void uploadUrls_readOnlyDevice_isForbidden() {
        String reader = api.addDevice("v1", admin, "reader", "read-only");

        assertError(api.post(URL, reader, obj("blobs", List.of(blob(missing, 16)))), ErrorCode.FORBIDDEN);
    }

    @Test
    void uploadUrls_badInput_isRefusedBeforeTheTokenIsLookedAt() {
        assertError(api.post(URL, "garbage", obj("blobs", List.of(obj("hash", "abc", "size", 1)))), ErrorCode.INVALID_HASH);
        assertError(api.post(URL, admin, obj("blobs", List.of(blob(missing, -1)))), ErrorCode.INVALID_SIZE);
        assertError(api.post(URL, admin, obj("blobs", List.of(obj("hash", missing.hex())))), ErrorCode.INVALID_REQUEST);
        assertError(api.post(URL, admin, obj("blobs", List.of(blob(missing, 1), blob(missing, 2)))),
                ErrorCode.INVALID_REQUEST);
        assertError(api.post(URL, admin, obj()), ErrorCode.INVALID_REQUEST);
        assertError(api.post(URL, admin, obj("blobs", List.of(), "extra", 1)), ErrorCode.INVALID_REQUEST);
        assertError(api.get(URL, admin), ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void uploadUrls_moreThanAThousandBlobs_isTooManyEntries() {
        List<Object> blobs = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            blobs.add(blob(ContentHash.ofBytes(("b" + i).getBytes(StandardCharsets.UTF_8)), 2));
        }

        assertError(api.post(URL, admin, obj("blobs", blobs)), ErrorCode.TOO_MANY_ENTRIES);
    }

    @Test
    void uploadUrls_noOrWrongToken_isUnauthorized() {
        assertError(api.post(URL, null, obj("blobs", List.of(blob(missing, 16)))), ErrorCode.UNAUTHORIZED);
        String other = api.createVault("v2");
        assertError(api.post(URL, other, obj("blobs", List.of(blob(missing, 16)))), ErrorCode.UNAUTHORIZED);
    }
}
