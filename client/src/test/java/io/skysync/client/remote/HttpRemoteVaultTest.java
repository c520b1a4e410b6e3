package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.CommitRequest;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.PlanRequest;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each endpoint the engine uses, as it goes on the wire (docs/api.md). */
class HttpRemoteVaultTest {
    private MockWebServer server;
    private HttpRemoteVault vault;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        ApiClient api = new ApiClient(new OkHttpClient(), server.url("/").uri(), "t",
                new Backoff(1, Duration.ZERO, Duration.ZERO, new Random(1), d -> { }));
        vault = new HttpRemoteVault(api, new VaultId("my-vault"));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private void answered(String json) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(json));
    }

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest();
    }

    @Test
    void plan_isAPostOfTheCursor() throws Exception {
        answered("{\"remoteChanges\":[],\"cursor\":3,\"hasMore\":false}");

        assertThat(vault.plan(new PlanRequest(3L, List.of())).repairs()).isNull();
        RecordedRequest r = taken();
        assertThat(r.getMethod() + " " + r.getPath()).isEqualTo("POST /v1/vaults/my-vault/plan");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"cursor\":3,\"changes\":[]}");
    }

    @Test
    void plan_answerWithRepairs_isRead() throws Exception {
        ContentHash h = ContentHash.ofBytes(new byte[] {1});
        answered("{\"remoteChanges\":[],\"cursor\":3,\"hasMore\":false,\"repairs\":[{\"hash\":\"" + h.hex()
                + "\",\"url\":\"https://s/x\",\"method\":\"PUT\",\"headers\":{},\"expiresAt\":\"2099-01-01T00:00:00Z\"}]}");

        assertThat(vault.plan(new PlanRequest(3L, List.of())).repairs()).singleElement()
                .satisfies(u -> assertThat(u.hash()).isEqualTo(h.hex()));
    }

    @Test
    void uploadUrls_isAPostOfTheBlobs() throws Exception {
        answered("{\"uploads\":[]}");
        ContentHash h = ContentHash.ofBytes(new byte[] {2});

        vault.uploadUrls(new UploadUrlsRequest(List.of(new UploadUrlsRequest.BlobRef(h.hex(), 7L))));

        RecordedRequest r = taken();
        assertThat(r.getMethod() + " " + r.getPath()).isEqualTo("POST /v1/vaults/my-vault/upload-urls");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"blobs\":[{\"hash\":\"" + h.hex() + "\",\"size\":7}]}");
    }

    @Test
    void verifyBlob_isAPostOfTheHash_andReadsTheStatus() throws Exception {
        ContentHash h = ContentHash.ofBytes(new byte[] {3});
        answered("{\"hash\":\"" + h.hex() + "\",\"status\":\"removed\"}");

        BlobCheck.Answer answer = vault.verifyBlob(h);

        RecordedRequest r = taken();
        assertThat(r.getMethod() + " " + r.getPath()).isEqualTo("POST /v1/vaults/my-vault/blobs/verify");
        assertThat(r.getBody().readUtf8()).isEqualTo("{\"hash\":\"" + h.hex() + "\"}");
        assertThat(answer.removed()).isTrue();
    }

    @Test
    void history_percentEncodesEachSegmentOfThePath() throws Exception {
        answered("{\"path\":\"a b/c%d\u00e9.txt\",\"versions\":[]}");

        vault.history(VaultPath.of("a b/c%d\u00e9.txt"), 10);

        assertThat(taken().getPath()).isEqualTo("/v1/vaults/my-vault/files/a%20b/c%25d%C3%A9.txt/history?limit=10");
    }

    @Test
    void changesFilesAndDownloads_useTheirQueriesAndBodies() throws Exception {
        answered("{\"entries\":[],\"cursor\":5,\"hasMore\":false}");
        answered("{\"entries\":[],\"seq\":5}");
        answered("{\"entries\":[],\"seq\":5}");
        answered("{\"urls\":[],\"missing\":[]}");
        answered("{\"results\":[]}");

        vault.changes(4, 100);
        vault.files(null, 50);
        vault.files("docs/a", 50);
        vault.downloadUrls(new DownloadUrlsRequest(List.of(new DownloadUrlsRequest.FileRef("a", 2L))));
        vault.commit(new CommitRequest(List.of()));

        assertThat(taken().getPath()).isEqualTo("/v1/vaults/my-vault/changes?since=4&limit=100");
        assertThat(taken().getPath()).isEqualTo("/v1/vaults/my-vault/files?limit=50");
        assertThat(taken().getPath()).isEqualTo("/v1/vaults/my-vault/files?limit=50&after=docs%2Fa");
        RecordedRequest download = taken();
        assertThat(download.getPath()).isEqualTo("/v1/vaults/my-vault/download-urls");
        assertThat(download.getBody().readUtf8()).isEqualTo("{\"files\":[{\"path\":\"a\",\"version\":2}]}");
        assertThat(taken().getPath()).isEqualTo("/v1/vaults/my-vault/commit");
    }
}
