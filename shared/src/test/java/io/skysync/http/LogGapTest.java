package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.HookedManifestStore;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention raising the log floor between the server's cursor check and its read of the log: the
 * reader finds records missing and must answer {@code cursor_expired}, never a page with a hole.
 */
class LogGapTest {
    private static final VaultId V = new VaultId("v1");
    private final InMemoryManifestStore memory = new InMemoryManifestStore();
    private final HookedManifestStore hooked = new HookedManifestStore(memory);
    private ApiRouter router;
    private String token;

    @BeforeEach
    void setUp() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        router = new ApiRouter(new SyncService(hooked, blobs, new MutableClock(ApiFixture.T0), new Tokens(new Random(3)),
                ServiceConfig.withBootstrapSecret(ApiFixture.SECRET)));
        token = ApiFixture.body(post("/v1/vaults", ApiFixture.SECRET, obj("vault", "v1"))).get("token").asText();
        for (String name : List.of("a", "b", "c")) {
            String hex = blobs.put(V, name.getBytes(StandardCharsets.UTF_8)).hex();
            assertOk(post("/v1/vaults/v1/commit", token, obj("entries", List.of(
                    obj("path", name, "baseVersion", 0, "hash", hex, "size", 1, "mtime", 1)))), 200);
        }
    }

    @Test
    void changes_floorRaisedAfterTheCursorCheck_cursorExpired() {
        hooked.beforeChanges(() -> memory.pruneLog(V, Seq.of(2)));

        assertError(get("/v1/vaults/v1/changes", Map.of("since", "1")), ErrorCode.CURSOR_EXPIRED);
    }

    @Test
    void plan_floorRaisedToTheHeadAfterTheCursorCheck_cursorExpired() {
        hooked.beforeChanges(() -> memory.pruneLog(V, Seq.of(3)));

        assertError(post("/v1/vaults/v1/plan", token, obj("cursor", 0, "changes", List.of())), ErrorCode.CURSOR_EXPIRED);
    }

    @Test
    void changes_floorRaisedButNotPastTheCursor_pageStillWhole() {
        hooked.beforeChanges(() -> memory.pruneLog(V, Seq.of(1)));

        var page = assertOk(get("/v1/vaults/v1/changes", Map.of("since", "1")), 200);

        assertThat(page.get("entries")).extracting(e -> e.get("seq").asLong()).containsExactly(2L, 3L);
    }

    private ApiResponse post(String path, String auth, Object body) {
        return router.handle(new ApiRequest("POST", path, Map.of(),
                Map.of("Authorization", "Bearer " + auth, "Content-Type", "application/json"),
                ApiFixture.json(body).getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse get(String path, Map<String, String> query) {
        return router.handle(new ApiRequest("GET", path, query, Map.of("Authorization", "Bearer " + token), null));
    }
}
