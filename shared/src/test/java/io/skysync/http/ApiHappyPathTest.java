package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.change;
import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.deletion;
import static io.skysync.http.ApiFixture.entry;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.CommitResultDto;
import io.skysync.api.CommitStatus;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API used as a client would, through {@link ApiRouter#handle} with real JSON bytes. */
class ApiHappyPathTest {
    private static final String V1 = "/v1/vaults/v1";

    private ApiFixture api;
    private String laptop;
    private String phone;
    private ContentHash present;
    private ContentHash missing;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(ApiFixture.SECRET);
        laptop = api.createVault("v1");
        phone = api.addDevice("v1", laptop, "phone", "member");
        present = api.putBlob("v1", "already here");
        missing = ContentHash.ofBytes("not uploaded yet".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createVault_answersTheAdminDeviceAndItsTokenOnce() {
        JsonNode created = assertOk(api.post("/v1/vaults", ApiFixture.SECRET, obj("vault", "v9", "deviceName", "desk")), 201);

        assertThat(created.get("vault").asText()).isEqualTo("v9");
        assertThat(created.get("role").asText()).isEqualTo("admin");
        assertThat(created.get("deviceName").asText()).isEqualTo("desk");
        String token = created.get("token").asText();
        assertThat(token).startsWith(created.get("deviceId").asText() + ".");
        assertThat(api.memory.dump().get("v9")).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertOk(api.get("/v1/vaults/v9/changes", token), 200);
    }

    @Test
    void health_answersOk() {
        assertThat(assertOk(api.get("/v1/health", null), 200).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void plan_newFiles_uploadsOnlyForBlobsTheVaultLacks() {
        JsonNode plan = assertOk(api.post(V1 + "/plan", laptop, obj("cursor", 0, "changes", List.of(
                change("a.txt", 0, present, 12), change("b.txt", 0, missing, 16), change("copy-of-b.txt", 0, missing, 16)))), 200);

        assertThat(plan.get("remoteChanges")).isEmpty();
        assertThat(plan.get("conflicts")).isEmpty();
        assertThat(plan.get("cursor").asLong()).isZero();
        assertThat(plan.get("hasMore").asBoolean()).isFalse();
        JsonNode uploads = plan.get("uploads");
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).get("hash").asText()).isEqualTo(missing.hex());
        assertThat(uploads.get(0).get("method").asText()).isEqualTo("PUT");
        assertThat(uploads.get(0).get("url").asText()).startsWith("memory://").contains(missing.hex());
        assertThat(uploads.get(0).get("headers").get("Content-Length").asText()).isEqualTo("16");
        assertThat(uploads.get(0).get("expiresAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
    }

    @Test
    void commit_committedMissingBlobAndConflict_eachPerEntry() {
        JsonNode first = assertOk(api.post(V1 + "/commit", laptop, commitBody(
                entry("a.txt", 0, present, 12), entry("b.txt", 0, missing, 16))), 200);

        assertThat(statuses(first)).containsExactly(CommitResultDto.COMMITTED, CommitResultDto.MISSING_BLOB);
        assertThat(first.get("results").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(first.get("results").get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("results").get(1).has("version")).isFalse();

        // The phone has not seen a.txt: its create conflicts and names the remote entry that won.
        ContentHash phoneContent = api.putBlob("v1", "phone's a.txt");
        JsonNode clash = assertOk(api.post(V1 + "/commit", phone, commitBody(entry("a.txt", 0, phoneContent, 13))), 200);

        JsonNode result = clash.get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("conflict");
        assertThat(result.get("remote").get("version").asLong()).isEqualTo(1);
        assertThat(result.get("remote").get("hash").asText()).isEqualTo(present.hex());
        assertThat(result.get("remote").get("device").asText()).isEqualTo(deviceId(laptop));
    }

    @Test
    void commit_blobOfAnotherSize_isMissingBlob() {
        JsonNode result = assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 13))), 200);

        assertThat(statuses(result)).containsExactly(CommitResultDto.MISSING_BLOB);
    }

    @Test
    void commit_afterUploadingTheMissingBlob_commits() {
        JsonNode plan = assertOk(api.post(V1 + "/plan", laptop, obj("changes", List.of(change("b.txt", 0, missing, 16)))), 200);
        JsonNode upload = plan.get("uploads").get(0);
        api.blobs.upload(new UploadTicket(URI.create(upload.get("url").asText()), "PUT", Map.of(),
                Instant.parse(upload.get("expiresAt").asText())), "not uploaded yet".getBytes(StandardCharsets.UTF_8));

        JsonNode result = assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("b.txt", 0, missing, 16))), 200);

        assertThat(statuses(result)).containsExactly(CommitResultDto.COMMITTED);
    }

    @Test
    void commit_retriedAfterATimeout_answersCommittedWithoutANewVersion() {
        String body = ApiFixture.json(commitBody(entry("a.txt", 0, present, 12), deletion("never-existed.txt", 0)));
        JsonNode first = assertOk(api.post(V1 + "/commit", laptop, body), 200);
        api.store.clear();
        String before = api.memory.dump().get("v1");

        JsonNode retry = assertOk(api.post(V1 + "/commit", laptop, body), 200);

        assertThat(retry).isEqualTo(first);
        assertThat(retry.get("results").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(api.store.writes()).isEmpty();
        assertThat(api.memory.dump().get("v1")).isEqualTo(before);
    }

    @Test
    void commit_sameContentFromAnotherDeviceOverAStaleBase_committedAtTheCurrentVersionWithoutAWrite() {
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12))), 200);
        api.store.clear();

        JsonNode result = assertOk(api.post(V1 + "/commit", phone, commitBody(entry("a.txt", 0, present, 12))), 200);

        // CommitRule: the manifest already holds this content, so the phone learns version 1 from
        // the answer, as its plan said (no conflict there either), and nothing is written.
        assertThat(statuses(result)).containsExactly(CommitResultDto.COMMITTED);
        assertThat(result.get("results").get(0).get("version").asLong()).isEqualTo(1);
        assertThat(result.get("results").get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(api.store.writes()).isEmpty();
    }

    @Test
    void planAndCommit_decideConflictsAlike() {
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12), entry("b.txt", 0, present, 12))),
                200);
        ContentHash other = api.putBlob("v1", "other content");
        Object[] stale = {entry("a.txt", 0, present, 12), entry("b.txt", 0, other, 13), deletion("a-gone.txt", 3)};

        JsonNode plan = assertOk(api.post(V1 + "/plan", phone, obj("cursor", 0, "changes", List.of(
                change("a.txt", 0, present, 12), change("b.txt", 0, other, 13), deletion("a-gone.txt", 3)))), 200);
        JsonNode commit = assertOk(api.post(V1 + "/commit", phone, commitBody(stale)), 200);

        assertThat(plan.get("conflicts")).extracting(c -> c.get("path").asText()).containsExactly("b.txt");
        assertThat(statuses(commit)).containsExactly(CommitResultDto.COMMITTED, CommitResultDto.CONFLICT,
                CommitResultDto.COMMITTED);
    }

    @Test
    void commit_deleteThenRecreate_versionsKeepCounting() {
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12))), 200);
        JsonNode deleted = assertOk(api.post(V1 + "/commit", laptop, commitBody(deletion("a.txt", 1))), 200);
        JsonNode again = assertOk(api.post(V1 + "/commit", phone, commitBody(entry("a.txt", 2, present, 12))), 200);

        assertThat(deleted.get("results").get(0).get("version").asLong()).isEqualTo(2);
        assertThat(again.get("results").get(0).get("version").asLong()).isEqualTo(3);
        assertThat(again.get("results").get(0).get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void changes_pagedWithLimit_continueFromTheCursorUntilHasMoreIsFalse() {
        for (int i = 0; i < 5; i++) {
            assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("f" + i + ".txt", 0, present, 12))), 200);
        }

        List<String> paths = new ArrayList<>();
        long cursor = 0;
        boolean hasMore = true;
        int pages = 0;
        while (hasMore) {
            JsonNode page = assertOk(api.get(V1 + "/changes?since=" + cursor + "&limit=2", phone), 200);
            page.get("entries").forEach(e -> paths.add(e.get("path").asText()));
            assertThat(page.get("cursor").asLong()).isGreaterThan(cursor);
            cursor = page.get("cursor").asLong();
            hasMore = page.get("hasMore").asBoolean();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(paths).containsExactly("f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt");
        assertThat(cursor).isEqualTo(5);
        JsonNode atHead = assertOk(api.get(V1 + "/changes?since=5", phone), 200);
        assertThat(atHead.get("entries")).isEmpty();
        assertThat(atHead.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void plan_fromAnotherDevice_returnsRemoteChangesAndEarlyConflicts() {
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12), entry("c.txt", 0, present, 12))), 200);
        ContentHash mine = api.putBlob("v1", "phone edit");

        JsonNode plan = assertOk(api.post(V1 + "/plan", phone, obj("cursor", 0, "changes", List.of(
                change("a.txt", 0, mine, 10), change("c.txt", 0, present, 12)))), 200);

        assertThat(plan.get("remoteChanges")).extracting(e -> e.get("path").asText()).containsExactly("a.txt", "c.txt");
        assertThat(plan.get("cursor").asLong()).isEqualTo(2);
        // a.txt differs: an early conflict; c.txt holds the same content already: no conflict, no upload.
        assertThat(plan.get("conflicts")).extracting(e -> e.get("path").asText()).containsExactly("a.txt");
        assertThat(plan.get("uploads")).isEmpty();
    }

    @Test
    void plan_recordsTheDevicesCursorForTheDeviceList() {
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12))), 200);
        assertOk(api.post(V1 + "/plan", phone, obj("cursor", 1)), 200);

        JsonNode devices = assertOk(api.get(V1 + "/devices", laptop), 200);

        JsonNode phoneRow = null;
        for (JsonNode d : devices.get("devices")) {
            if (d.get("id").asText().equals(deviceId(phone))) {
                phoneRow = d;
            }
        }
        assertThat(phoneRow).isNotNull();
        assertThat(phoneRow.get("cursor").asLong()).isEqualTo(1);
        assertThat(phoneRow.get("behind").asLong()).isZero();
    }

    @Test
    void files_pagedByPath_withTheSeqToContinueFrom() {
        for (String name : List.of("b.txt", "a.txt", "dir/c.txt")) {
            assertOk(api.post(V1 + "/commit", laptop, commitBody(entry(name, 0, present, 12))), 200);
        }
        assertOk(api.post(V1 + "/commit", laptop, commitBody(deletion("b.txt", 1))), 200);

        JsonNode first = assertOk(api.get(V1 + "/files?limit=2", phone), 200);
        JsonNode second = assertOk(api.get(V1 + "/files?limit=2&after=" + first.get("next").asText(), phone), 200);

        assertThat(first.get("seq").asLong()).isEqualTo(4);
        assertThat(first.get("entries")).extracting(e -> e.get("path").asText()).containsExactly("a.txt", "b.txt");
        assertThat(first.get("entries").get(1).get("deleted").asBoolean()).isTrue();
        assertThat(first.get("entries").get(1).has("hash")).isFalse();
        assertThat(second.get("entries")).extracting(e -> e.get("path").asText()).containsExactly("dir/c.txt");
        assertThat(second.has("next")).isFalse();
    }

    @Test
    void downloadUrls_currentHistoricTombstoneAndUnknown() {
        ContentHash v2 = api.putBlob("v1", "second version");
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12), entry("gone.txt", 0, present, 12))), 200);
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 1, v2, 14), deletion("gone.txt", 1))), 200);

        JsonNode urls = assertOk(api.post(V1 + "/download-urls", phone, obj("files", List.of(
                obj("path", "a.txt"), obj("path", "a.txt", "version", 1), obj("path", "gone.txt"),
                obj("path", "gone.txt", "version", 1), obj("path", "unknown.txt")))), 200);

        JsonNode list = urls.get("urls");
        assertThat(list).extracting(u -> u.get("path").asText() + "@" + u.get("version").asLong())
                .containsExactly("a.txt@2", "a.txt@1", "gone.txt@1");
        assertThat(list.get(0).get("hash").asText()).isEqualTo(v2.hex());
        assertThat(list.get(1).get("hash").asText()).isEqualTo(present.hex());
        assertThat(list.get(1).get("size").asLong()).isEqualTo(12);
        byte[] historic = api.blobs.download(URI.create(list.get(1).get("url").asText())).orElseThrow();
        assertThat(new String(historic, StandardCharsets.UTF_8)).isEqualTo("already here");
        assertThat(urls.get("missing")).extracting(JsonNode::asText).containsExactly("gone.txt", "unknown.txt");
    }

    @Test
    void history_newestFirstForAPercentEncodedPath() {
        String path = "Ordner/Übersicht 1.txt";
        ContentHash v2 = api.putBlob("v1", "second version");
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry(path, 0, present, 12))), 200);
        assertOk(api.post(V1 + "/commit", phone, commitBody(entry(path, 1, v2, 14))), 200);
        assertOk(api.post(V1 + "/commit", laptop, commitBody(deletion(path, 2))), 200);

        JsonNode history = assertOk(api.get(V1 + "/files/" + PercentCoding.encodePath(path) + "/history", phone), 200);
        JsonNode limited = assertOk(api.get(V1 + "/files/" + PercentCoding.encodePath(path) + "/history?limit=1", phone), 200);

        assertThat(history.get("path").asText()).isEqualTo(path);
        assertThat(history.get("versions")).extracting(v -> v.get("version").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(history.get("versions").get(0).get("deleted").asBoolean()).isTrue();
        assertThat(history.get("versions").get(1).get("device").asText()).isEqualTo(deviceId(phone));
        assertThat(limited.get("versions")).hasSize(1);
    }

    @Test
    void readOnlyDevice_mayPlanWithoutChangesAndRead() {
        String reader = api.addDevice("v1", laptop, "reader", "read-only");
        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("a.txt", 0, present, 12))), 200);

        assertOk(api.post(V1 + "/plan", reader, obj("cursor", 0)), 200);
        assertOk(api.get(V1 + "/changes", reader), 200);
        assertOk(api.get(V1 + "/files", reader), 200);
        assertOk(api.post(V1 + "/download-urls", reader, obj("files", List.of(obj("path", "a.txt")))), 200);
    }

    @Test
    void commit_mediaTypeWithCharset_accepted() {
        ApiResponse response = api.send("POST", V1 + "/commit", laptop, "Application/JSON; charset=utf-8",
                ApiFixture.json(commitBody(entry("a.txt", 0, present, 12))).getBytes(StandardCharsets.UTF_8));

        assertThat(statuses(assertOk(response, 200))).containsExactly(CommitResultDto.COMMITTED);
    }

    @Test
    void commit_moreEntriesThanOneStoreCommit_allLandInOrder() {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(entry(String.format("bulk/%04d", i), 0, present, 12));
        }

        JsonNode result = assertOk(api.post(V1 + "/commit", laptop, obj("entries", entries)), 200);

        assertThat(statuses(result)).hasSize(1000).containsOnly(CommitResultDto.COMMITTED);
        assertThat(result.get("results").get(999).get("seq").asLong()).isEqualTo(1000);
        assertThat(api.memory.vault(new VaultId("v1")).orElseThrow().seq().value()).isEqualTo(1000);
    }

    private static List<CommitStatus> statuses(JsonNode commitResponse) {
        List<CommitStatus> out = new ArrayList<>();
        commitResponse.get("results").forEach(r -> out.add(CommitStatus.fromWireName(r.get("status").asText())));
        return out;
    }

    private static String deviceId(String token) {
        return token.substring(0, token.indexOf('.'));
    }
}
