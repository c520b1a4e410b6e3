package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restore needs no endpoint: a client reads the history, then commits an old version's hash as a
 * new version over the current one. The blob is still there (content-addressed, and kept history
 * keeps it from the clean-up), so the commit needs no upload, also for a deleted file.
 */
class RestoreApiTest {
    private static final String HOME = "/v1/vaults/home";
    private DevicesFixture api;
    private ApiDevice laptop;
    private ApiDevice phone;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        laptop = new ApiDevice(api, "home", "laptop", api.createVault("home"));
        phone = new ApiDevice(api, "home", "phone", api.pairNew("home", laptop.token, "phone", "member").get("token").asText());
    }

    @Test
    void restore_oldVersion_becomesANewVersionAndHistoryKeepsEverything() {
        laptop.write("essay.txt", "draft one");
        assertOk(laptop.sync(), 200);
        laptop.write("essay.txt", "draft two, worse");
        assertOk(laptop.sync(), 200);

        JsonNode history = history("essay.txt");
        JsonNode first = history.get(1);
        assertThat(first.get("version").asLong()).isEqualTo(1);
        JsonNode restored = commitRestore("essay.txt", first, history.get(0).get("version").asLong());

        assertThat(restored.get("status").asText()).isEqualTo("committed");
        assertThat(restored.get("version").asLong()).isEqualTo(3);
        assertThat(history("essay.txt")).extracting(v -> v.get("version").asLong() + ":" + v.get("hash").asText())
                .containsExactly("3:" + first.get("hash").asText(), "2:" + ApiDevice.hash("draft two, worse").hex(),
                        "1:" + first.get("hash").asText());
        assertOk(phone.sync(), 200);
        assertThat(phone.folder()).containsEntry("essay.txt", "draft one");
    }

    @Test
    void restore_deletedFile_fromTheVersionBeforeItsTombstone() {
        laptop.write("photo.jpg", "cat picture");
        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);
        phone.delete("photo.jpg");
        assertOk(phone.sync(), 200);
        assertOk(laptop.sync(), 200);
        assertThat(laptop.folder()).doesNotContainKey("photo.jpg");

        JsonNode history = history("photo.jpg");
        assertThat(history.get(0).get("deleted").asBoolean()).isTrue();
        assertThat(history.get(0).hasNonNull("hash")).isFalse();
        JsonNode restored = commitRestore("photo.jpg", history.get(1), history.get(0).get("version").asLong());

        assertThat(restored.get("status").asText()).isEqualTo("committed");
        assertThat(restored.get("version").asLong()).isEqualTo(3);
        assertOk(laptop.sync(), 200);
        assertOk(phone.sync(), 200);
        assertThat(laptop.folder()).isEqualTo(Map.of("photo.jpg", "cat picture"));
        assertThat(phone.folder()).isEqualTo(Map.of("photo.jpg", "cat picture"));
    }

    @Test
    void restore_toAnotherPath_copiesWithoutUpload() {
        laptop.write("a.txt", "original");
        assertOk(laptop.sync(), 200);
        laptop.write("a.txt", "changed");
        assertOk(laptop.sync(), 200);
        JsonNode old = history("a.txt").get(1);
        long putsBefore = api.blobs.presignedPuts();

        JsonNode plan = assertOk(api.post(HOME + "/plan", laptop.token, obj("cursor", 0, "changes", List.of(
                obj("path", "a (restored).txt", "baseVersion", 0, "hash", old.get("hash").asText(),
                        "size", old.get("size").asLong())))), 200);
        JsonNode restored = commitRestore("a (restored).txt", old, 0);

        assertThat(plan.get("uploads")).isEmpty();
        assertThat(api.blobs.presignedPuts()).isEqualTo(putsBefore);
        assertThat(restored.get("status").asText()).isEqualTo("committed");
        assertOk(phone.sync(), 200);
        assertThat(phone.folder()).isEqualTo(Map.of("a.txt", "changed", "a (restored).txt", "original"));
    }

    private JsonNode history(String path) {
        return assertOk(api.get(HOME + "/files/" + path.replace(" ", "%20") + "/history", Map.of(), laptop.token), 200)
                .get("versions");
    }

    private JsonNode commitRestore(String path, JsonNode version, long baseVersion) {
        return assertOk(api.post(HOME + "/commit", laptop.token, obj("entries", List.of(obj("path", path,
                "baseVersion", baseVersion, "hash", version.get("hash").asText(), "size", version.get("size").asLong(),
                "mtime", version.get("mtime").asLong())))), 200).get("results").get(0);
    }
}
