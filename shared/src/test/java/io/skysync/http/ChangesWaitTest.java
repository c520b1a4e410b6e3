package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.service.HeadWatch;
import io.skysync.service.InProcessHeadWatch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /changes?wait=} through the router: an empty answer waits for the next commit and
 * returns with it; a deployment that never waits ({@link HeadWatch#NONE}) answers at once and says
 * so. Waits are long (30 s) and the tests never time them: a request that failed to wake would
 * fail the test by its future's time-out, a request that woke too early by its missing entry.
 */
class ChangesWaitTest {
    private static final String V1 = "/v1/vaults/v1";
    private static final long GENEROUS = 20;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void changes_withoutWait_answersAsBeforeWithNoWaitField() {
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, new InProcessHeadWatch(Duration.ofSeconds(30), 4));
        String admin = api.createVault("v1");

        JsonNode body = assertOk(api.get(V1 + "/changes?since=0", admin), 200);

        assertThat(body.has("wait")).isFalse();
        assertThat(body.get("entries")).isEmpty();
    }

    @Test
    void changes_onADeploymentThatNeverWaits_answersAtOnceWithWaitZero() {
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, HeadWatch.NONE);
        String admin = api.createVault("v1");

        JsonNode body = assertOk(api.get(V1 + "/changes?since=0&wait=30", admin), 200);

        assertThat(body.get("wait").asInt()).isZero();
        assertThat(body.get("entries")).isEmpty();
    }

    @Test
    void changes_withEntriesAlready_answersAtOnceWithTheGrantedWait() {
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, new InProcessHeadWatch(Duration.ofSeconds(25), 4));
        String admin = api.createVault("v1");
        commit(api, admin, "a.txt");

        JsonNode body = assertOk(api.get(V1 + "/changes?since=0&wait=60", admin), 200);

        assertThat(body.get("entries")).hasSize(1);
        assertThat(body.get("wait").asInt()).as("capped by the deployment").isEqualTo(25);
    }

    @Test
    void changes_emptyWithWait_returnsTheNextCommitOfAnotherDevice() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(Duration.ofSeconds(30), 4);
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, heads);
        String admin = api.createVault("v1");
        String member = api.addDevice("v1", admin, "desktop", "member");
        commit(api, admin, "first.txt");

        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.get(V1 + "/changes?since=1&wait=30", member), threads);
        awaitWaiters(heads, 1);
        commit(api, admin, "second.txt");

        JsonNode body = assertOk(waiting.get(GENEROUS, TimeUnit.SECONDS), 200);
        assertThat(body.get("entries")).hasSize(1);
        assertThat(body.get("entries").get(0).get("path").asText()).isEqualTo("second.txt");
        assertThat(body.get("cursor").asLong()).isEqualTo(2);
        assertThat(body.get("wait").asInt()).isEqualTo(30);
    }

    @Test
    void changes_deviceRevokedWhileWaiting_learnsItWhenWoken() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(Duration.ofSeconds(30), 4);
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, heads);
        String admin = api.createVault("v1");
        String member = api.addDevice("v1", admin, "lost phone", "member");

        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.get(V1 + "/changes?since=0&wait=30", member), threads);
        awaitWaiters(heads, 1);
        String memberId = member.substring(0, member.indexOf('.'));
        assertOk(api.post(V1 + "/devices/" + memberId + "/revoke", admin, "{}"), 200);
        commit(api, admin, "after-revocation.txt");

        assertError(waiting.get(GENEROUS, TimeUnit.SECONDS), ErrorCode.UNAUTHORIZED);
    }

    @Test
    void changes_commitOfAnotherVault_doesNotWakeTheWaiter() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(Duration.ofSeconds(30), 4);
        ApiFixture api = new ApiFixture(ApiFixture.SECRET, heads);
        String admin = api.createVault("v1");
        String other = api.createVault("v2");

        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> api.get(V1 + "/changes?since=0&wait=30", admin), threads);
        awaitWaiters(heads, 1);
        ContentHash hash = api.putBlob("v2", "x");
        assertOk(api.post("/v1/vaults/v2/commit", other, commitBody(entry("x.txt", 0, hash, 1))), 200);
        assertThat(heads.waiting()).as("still waiting for its own vault").isEqualTo(1);
        commit(api, admin, "mine.txt");

        JsonNode body = assertOk(waiting.get(GENEROUS, TimeUnit.SECONDS), 200);
        assertThat(body.get("entries").get(0).get("path").asText()).isEqualTo("mine.txt");
    }

    private static void commit(ApiFixture api, String token, String path) {
        ContentHash hash = api.putBlob("v1", path);
        assertOk(api.post(V1 + "/commit", token, commitBody(entry(path, 0, hash, path.length()))), 200);
    }

    private static void awaitWaiters(InProcessHeadWatch heads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS);
        while (heads.waiting() < count) {
            assertThat(System.nanoTime()).as("a request started waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
