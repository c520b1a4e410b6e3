package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.error.ErrorCode;
import io.skysync.service.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /trash}: the deleted files history can still restore, paged, through the real router. */
class TrashApiTest {
    private static final String TRASH = "/v1/vaults/home/trash";
    private DevicesFixture api;
    private ApiDevice laptop;

    @BeforeEach
    void setUp() {
        api = new DevicesFixture();
        laptop = new ApiDevice(api, "home", "laptop", api.createVault("home"));
    }

    private JsonNode trash(Map<String, String> query) {
        return assertOk(api.get(TRASH, query, laptop.token), 200);
    }

    /** Every item of the listing, following {@code next} to the end. */
    private List<JsonNode> all(int limit) {
        List<JsonNode> items = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", Integer.toString(limit)));
        for (int calls = 0; calls < 100; calls++) {
            JsonNode page = trash(query);
            page.get("items").forEach(items::add);
            if (!page.hasNonNull("next")) {
                return items;
            }
            query.put("after", page.get("next").asText());
        }
        throw new AssertionError("the listing never ended");
    }

    private static List<String> paths(List<JsonNode> items) {
        return items.stream().map(i -> i.get("path").asText()).toList();
    }

    @Test
    void trash_listsOnlyDeletedFiles_eachWithTheVersionARestoreBringsBack() {
        laptop.write("a.txt", "alpha");
        laptop.write("b.txt", "bravo");
        laptop.write("docs/c.txt", "charlie, longer");
        assertOk(laptop.sync(), 200);
        laptop.write("docs/c.txt", "charlie, edited");
        assertOk(laptop.sync(), 200);
        laptop.delete("a.txt");
        laptop.delete("docs/c.txt");
        assertOk(laptop.sync(), 200);

        JsonNode page = trash(Map.of());

        assertThat(page.has("next")).as("no next: the listing is done").isFalse();
        assertThat(page.get("items")).hasSize(2);
        JsonNode a = page.get("items").get(0);
        assertThat(a.get("path").asText()).isEqualTo("a.txt");
        assertThat(a.get("version").asLong()).isEqualTo(2);
        assertThat(a.get("deletedBy").asText()).isEqualTo(laptop.token.substring(0, laptop.token.indexOf('.')));
        assertThat(a.get("deletedAt").asText()).isEqualTo(DevicesFixture.T0.toString());
        assertThat(a.get("last").get("version").asLong()).isEqualTo(1);
        assertThat(a.get("last").get("size").asLong()).isEqualTo(5);
        assertThat(a.get("last").get("hash").asText()).isEqualTo(ApiDevice.hash("alpha").hex());
        JsonNode c = page.get("items").get(1);
        assertThat(c.get("path").asText()).isEqualTo("docs/c.txt");
        assertThat(c.get("version").asLong()).isEqualTo(3);
        assertThat(c.get("last").get("version").asLong()).isEqualTo(2);
        assertThat(c.get("last").get("hash").asText()).isEqualTo(ApiDevice.hash("charlie, edited").hex());
    }

    @Test
    void trash_fileWrittenAgain_leavesTheTrash() {
        laptop.write("a.txt", "alpha");
        assertOk(laptop.sync(), 200);
        laptop.delete("a.txt");
        assertOk(laptop.sync(), 200);
        assertThat(paths(all(100))).containsExactly("a.txt");

        laptop.write("a.txt", "alpha again");
        assertOk(laptop.sync(), 200);

        assertThat(all(100)).isEmpty();
    }

    @Test
    void trash_pagesByLimit_withoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            laptop.write("f" + i + ".txt", "file " + i);
            laptop.write("keep" + i + ".txt", "kept " + i);
        }
        assertOk(laptop.sync(), 200);
        for (int i = 0; i < 7; i++) {
            laptop.delete("f" + i + ".txt");
        }
        assertOk(laptop.sync(), 200);

        JsonNode first = trash(Map.of("limit", "3"));
        assertThat(first.get("items")).hasSize(3);
        assertThat(first.get("next").asText()).isEqualTo("f2.txt");
        assertThat(paths(all(3))).containsExactly("f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt");
        assertThat(paths(all(1))).isEqualTo(paths(all(100)));
    }

    @Test
    void trash_readsABoundedSliceOfTheManifestPerCall() {
        for (int i = 0; i < 1100; i++) {
            laptop.write(String.format("live/%04d.txt", i), "n" + i);
            if (i == 599) {
                assertOk(laptop.sync(), 200);
            }
        }
        laptop.write("zz-gone.txt", "soon deleted");
        assertOk(laptop.sync(), 200);
        laptop.delete("zz-gone.txt");
        assertOk(laptop.sync(), 200);

        JsonNode first = trash(Map.of());

        assertThat(first.get("items")).as("the tombstone is beyond the first 1000 entries").isEmpty();
        assertThat(first.get("next").asText()).isEqualTo("live/0999.txt");
        assertThat(paths(all(100))).containsExactly("zz-gone.txt");
    }

    @Test
    void trash_leavesOutDeletionsWhoseContentTheCleanUpPruned() {
        laptop.write("old.txt", "old");
        assertOk(laptop.sync(), 200);
        laptop.delete("old.txt");
        assertOk(laptop.sync(), 200);
        assertThat(paths(all(100))).containsExactly("old.txt");

        api.clock.advance(Duration.ofDays(3));
        api.retentionJob(new RetentionPolicy(Duration.ofDays(1), 1, Duration.ZERO, Duration.ofHours(1))).run();

        assertThat(all(100)).as("history keeps only the tombstone: nothing to restore").isEmpty();
    }

    @Test
    void trash_readOnlyDevice_mayList() {
        laptop.write("a.txt", "alpha");
        assertOk(laptop.sync(), 200);
        laptop.delete("a.txt");
        assertOk(laptop.sync(), 200);
        String kiosk = api.pairNew("home", laptop.token, "kiosk", "read-only").get("token").asText();

        assertThat(assertOk(api.get(TRASH, Map.of(), kiosk), 200).get("items")).hasSize(1);
    }

    @Test
    void trash_badParameters_areRefusedWith4xx() {
        assertError(api.get(TRASH, Map.of("limit", "0"), laptop.token), ErrorCode.INVALID_REQUEST);
        assertError(api.get(TRASH, Map.of("limit", "101"), laptop.token), ErrorCode.INVALID_REQUEST);
        assertError(api.get(TRASH, Map.of("limit", "ten"), laptop.token), ErrorCode.INVALID_REQUEST);
        assertError(api.get(TRASH, Map.of("after", "../x"), laptop.token), ErrorCode.INVALID_PATH);
        assertError(api.get(TRASH, Map.of(), "0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                ErrorCode.UNAUTHORIZED);
        assertError(api.router.handle(new ApiRequest("POST", TRASH, Map.of(),
                Map.of("Authorization", "Bearer " + laptop.token, "Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8))), ErrorCode.METHOD_NOT_ALLOWED);
    }
}
