package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.deletion;
import static io.skysync.http.ApiFixture.entry;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.Folder;
import io.skysync.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Folder entries and metadata through the router with real JSON (docs/api.md, "Folders and
 * metadata"): a folder is written under the same rules as a file and needs no blob; the same
 * content with other metadata is a new version that needs no upload; a client without the
 * protocol header is shown neither folders nor the executable bit.
 */
class FoldersApiTest {
    private static final String V1 = "/v1/vaults/v1";
    private ApiFixture api;
    private String laptop;
    private ContentHash present;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(ApiFixture.SECRET);
        api.protocol = "2";
        laptop = api.createVault("v1");
        present = api.putBlob("v1", "already here");
    }

    private static Map<String, Object> folder(String path, long base) {
        return obj("path", path, "baseVersion", base, "folder", true);
    }

    private JsonNode commit(Object... entries) {
        return assertOk(api.post(V1 + "/commit", laptop, commitBody(entries)), 200).get("results");
    }

    @Test
    void folder_isCommittedWithoutABlob_andListedAsAFolder_butNeverDownloaded() {
        JsonNode results = commit(folder("docs", 0), folder("docs/empty", 0));

        assertThat(results.findValuesAsText("status")).containsExactly("committed", "committed");
        JsonNode changes = assertOk(api.get(V1 + "/changes?since=0", laptop), 200).get("entries");
        assertThat(changes.get(0).get("folder").asBoolean()).isTrue();
        assertThat(changes.get(0).has("hash")).as("the mark is never on the wire").isFalse();
        assertThat(changes.get(0).get("mtime").asLong()).as("a folder's own time is not carried").isZero();
        JsonNode files = assertOk(api.get(V1 + "/files", laptop), 200).get("entries");
        assertThat(files.findValuesAsText("path")).containsExactly("docs", "docs/empty");
        JsonNode urls = assertOk(api.post(V1 + "/download-urls", laptop, obj("files", List.of(obj("path", "docs")))), 200);
        assertThat(urls.get("missing").get(0).asText()).isEqualTo("docs");
    }

    @Test
    void folder_isConditionalLikeAFile_aStaleDeletionIsAConflict_theSameCreateTwiceIsNot() {
        commit(folder("d", 0));
        assertThat(commit(folder("d", 0)).get(0).get("version").asLong()).as("already there").isEqualTo(1);
        commit(deletion("d", 1));

        JsonNode stale = commit(entry("d", 1, present, 12)).get(0);

        assertThat(stale.get("status").asText()).isEqualTo("conflict");
        assertThat(stale.get("remote").get("deleted").asBoolean()).isTrue();
        assertThat(commit(folder("d", 2)).get(0).get("version").asLong()).as("written again over its tombstone").isEqualTo(3);
    }

    @Test
    void folder_badShapes_areRefused_andChangeNothing() {
        api.store.clear();
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(obj("path", "d", "baseVersion", 0, "folder", true, "hash", present.hex()));
        bad.add(obj("path", "d", "baseVersion", 0, "folder", true, "size", 3));
        bad.add(obj("path", "d", "baseVersion", 0, "folder", true, "executable", true));
        bad.add(obj("path", "d", "baseVersion", 1, "folder", true, "deleted", true));
        bad.add(obj("path", "d", "baseVersion", 1, "deleted", true, "executable", false));
        bad.add(obj("path", "d", "baseVersion", 0, "folder", true, "recipe", present.hex()));
        bad.add(obj("path", "d", "baseVersion", 1, "deleted", true, "recipe", present.hex()));
        for (Map<String, Object> entry : bad) {
            assertError(api.post(V1 + "/commit", laptop, commitBody(entry)), ErrorCode.INVALID_REQUEST);
        }
        assertError(api.post(V1 + "/commit", laptop, commitBody(folder("../up", 0))), ErrorCode.INVALID_PATH);
        assertError(api.post(V1 + "/commit", laptop, commitBody(entry("f", 0, Folder.MARK, 0))), ErrorCode.INVALID_HASH);
        assertError(api.post(V1 + "/upload-urls", laptop, obj("blobs", List.of(obj("hash", Folder.MARK.hex(), "size", 0)))),
                ErrorCode.INVALID_HASH);
        assertError(api.post(V1 + "/blobs/verify", laptop, obj("hash", Folder.MARK.hex())), ErrorCode.INVALID_HASH);
        assertError(api.post(V1 + "/commit", laptop, commitBody(obj("path", "f", "baseVersion", 0, "hash", present.hex(),
                "size", 3, "recipe", Folder.MARK.hex()))), ErrorCode.INVALID_HASH);
        assertError(api.post(V1 + "/chunk-urls", laptop, obj("chunks", List.of(Folder.MARK.hex()))), ErrorCode.INVALID_HASH);
        assertThat(api.store.writes()).as("nothing written").isEmpty();
    }

    @Test
    void folder_fromAReadOnlyDevice_isForbidden() {
        String reader = api.addDevice("v1", laptop, "reader", "read-only");

        assertError(api.post(V1 + "/commit", reader, commitBody(folder("d", 0))), ErrorCode.FORBIDDEN);
    }

    @Test
    void metadataOnly_isANewVersionWithoutAnUpload() {
        commit(obj("path", "run.sh", "baseVersion", 0, "hash", present.hex(), "size", 12, "mtime", 1_000L,
                "executable", false));

        JsonNode touched = commit(obj("path", "run.sh", "baseVersion", 1, "hash", present.hex(), "size", 12,
                "mtime", 2_000L, "executable", true)).get(0);

        assertThat(touched.get("version").asLong()).isEqualTo(2);
        JsonNode now = assertOk(api.get(V1 + "/files", laptop), 200).get("entries").get(0);
        assertThat(now.get("mtime").asLong()).isEqualTo(2_000L);
        assertThat(now.get("executable").asBoolean()).isTrue();
    }

    /**
     * A device that only touched the file commits its metadata over a base another device's chmod
     * has just replaced (or replays an old commit). It sends the bit it had, so a write would clear
     * the chmod it never saw, with no conflict anywhere: before, it was a new version with the stale
     * bit. It is a conflict with the stored entry instead; nothing is written.
     */
    @Test
    void metadataOnly_overAStaleBase_isAConflictAndTheNewerBitStands() {
        commit(obj("path", "run.sh", "baseVersion", 0, "hash", present.hex(), "size", 12, "mtime", 1_000L,
                "executable", false));
        commit(obj("path", "run.sh", "baseVersion", 1, "hash", present.hex(), "size", 12, "mtime", 1_000L,
                "executable", true)); // another device's chmod +x

        JsonNode stale = commit(obj("path", "run.sh", "baseVersion", 1, "hash", present.hex(), "size", 12,
                "mtime", 3_000L, "executable", false)).get(0);
        JsonNode replayed = commit(obj("path", "run.sh", "baseVersion", 0, "hash", present.hex(), "size", 12,
                "mtime", 1_000L, "executable", false)).get(0);

        assertThat(stale.get("status").asText()).isEqualTo("conflict");
        assertThat(stale.get("remote").get("version").asLong()).isEqualTo(2);
        assertThat(replayed.get("status").asText()).isEqualTo("conflict");
        JsonNode now = assertOk(api.get(V1 + "/files", laptop), 200).get("entries").get(0);
        assertThat(now.get("version").asLong()).as("no version over the newer one").isEqualTo(2);
        assertThat(now.get("executable").asBoolean()).as("the chmod stands").isTrue();
    }

    @Test
    void executable_notSentByAClient_isKept_neverCleared() {
        commit(obj("path", "run.sh", "baseVersion", 0, "hash", present.hex(), "size", 12, "mtime", 1_000L,
                "executable", true));
        ContentHash other = api.putBlob("v1", "edited by an older client");
        api.protocol = null;

        assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("run.sh", 1, other, 25))), 200);

        api.protocol = "2";
        JsonNode now = assertOk(api.get(V1 + "/files", laptop), 200).get("entries").get(0);
        assertThat(now.get("version").asLong()).isEqualTo(2);
        assertThat(now.get("executable").asBoolean()).isTrue();
    }

    @Test
    void aClientWithoutTheProtocolHeader_seesNoFoldersAndNoExecutableBit_butEveryFileChange() {
        commit(folder("d", 0), obj("path", "d/run.sh", "baseVersion", 0, "hash", present.hex(), "size", 12,
                "mtime", 1_000L, "executable", true));
        api.protocol = null;

        JsonNode changes = assertOk(api.get(V1 + "/changes?since=0", laptop), 200);
        JsonNode files = assertOk(api.get(V1 + "/files", laptop), 200).get("entries");
        JsonNode plan = assertOk(api.post(V1 + "/plan", laptop, obj("cursor", 0)), 200);
        JsonNode history = assertOk(api.get(V1 + "/files/d/history", laptop), 200).get("versions");
        JsonNode conflict = assertOk(api.post(V1 + "/commit", laptop, commitBody(entry("d", 0, present, 12))), 200)
                .get("results").get(0);

        assertThat(changes.get("entries").findValuesAsText("path")).containsExactly("d/run.sh");
        assertThat(changes.get("cursor").asLong()).as("the cursor still passes the folder").isEqualTo(2);
        assertThat(changes.get("entries").get(0).has("executable")).isFalse();
        assertThat(files.findValuesAsText("path")).containsExactly("d/run.sh");
        assertThat(plan.get("remoteChanges").findValuesAsText("path")).containsExactly("d/run.sh");
        assertThat(history).isEmpty();
        assertThat(conflict.get("status").asText()).isEqualTo("conflict");
        assertThat(conflict.has("remote")).as("a folder is not shown to an older client").isFalse();
    }

    @Test
    void trash_leavesDeletedFoldersOut() {
        commit(folder("d", 0), entry("f", 0, present, 12));
        commit(deletion("d", 1), deletion("f", 1));

        JsonNode items = assertOk(api.get(V1 + "/trash", laptop), 200).get("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("path").asText()).isEqualTo("f");
    }
}
