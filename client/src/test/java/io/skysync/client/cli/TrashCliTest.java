package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.cli.InProcessCli.Result;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.testing.FakeBackend;
import io.skysync.domain.VaultId;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skysync trash}: what people see, a folder inside the synced one, and a server that lies. */
class TrashCliTest {
    @TempDir
    Path temp;

    private Result run(Map<String, String> extra, String... args) {
        return InProcessCli.run(temp, extra, args);
    }

    @Test
    void trash_listsDeletedFiles_andAFolderInsideListsOnlyItsOwn() throws Exception {
        try (FakeBackend backend = FakeBackend.start()) {
            Path dir = Files.createDirectories(temp.resolve("notes"));
            run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", dir.toString(),
                    "--endpoint", backend.endpoint().toString(), "--vault", "notes", "--device", "laptop");
            Files.createDirectories(dir.resolve("docs"));
            Files.writeString(dir.resolve("docs/plan.md"), "twelve bytes");
            Files.writeString(dir.resolve("todo.txt"), "todo");
            Files.writeString(dir.resolve("keep.txt"), "kept");
            assertThat(run(Map.of(), "sync", dir.toString()).code()).isZero();
            assertThat(run(Map.of(), "trash", dir.toString()).out()).startsWith("no deleted files to restore in vault 'notes'");
            Files.delete(dir.resolve("docs/plan.md"));
            Files.delete(dir.resolve("todo.txt"));
            assertThat(run(Map.of(), "sync", dir.toString()).code()).isZero();

            Result all = run(Map.of(), "trash", dir.toString());
            Result docs = run(Map.of(), "trash", dir.resolve("docs").toString());

            assertThat(all.code()).as(all.err()).isZero();
            assertThat(all.out()).containsPattern("(?m)^DELETED \\(UTC\\) +BY +SIZE +VERSION +PATH$")
                    .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  laptop +12 +1  docs/plan.md$")
                    .containsPattern("(?m) laptop +4 +1  todo.txt$")
                    .doesNotContain("keep.txt")
                    .contains("bring one back with: skysync restore PATH -C " + dir);
            assertThat(docs.out()).contains("docs/plan.md").doesNotContain("todo.txt");
        }
    }

    @Test
    void trash_outsideASyncedFolder_saysWhatToDo() {
        Result result = run(Map.of(), "trash", temp.toString());
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).contains("not inside a skysync folder").hasLineCount(1);
    }

    @Test
    void trash_hostileServer_badPathsAreLeftOutAndAListingThatNeverMovesIsRefused() throws Exception {
        String good = "{\"path\":\"ok.txt\",\"version\":2,\"deletedAt\":\"2026-01-02T03:04:05Z\",\"deletedBy\":\"d1\","
                + "\"last\":{\"path\":\"ok.txt\",\"version\":1,\"hash\":\"" + "ab".repeat(32) + "\",\"size\":3,\"mtime\":0,"
                + "\"deleted\":false,\"device\":\"d1\",\"seq\":1,\"updatedAt\":\"2026-01-01T00:00:00Z\"}}";
        String evil = good.replace("\"ok.txt\"", "\"../../etc/passwd\"");
        try (MockWebServer server = new MockWebServer()) {
            boolean[] loop = {false};
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getPath();
                    if (path.contains("/devices")) {
                        return json("{\"vault\":\"v\",\"seq\":0,\"devices\":[]}");
                    }
                    if (loop[0]) {
                        return json("{\"items\":[],\"next\":\"same\"}");
                    }
                    return json("{\"items\":[" + evil + "," + good + "]}");
                }
            });
            server.start();
            Path dir = Files.createDirectories(temp.resolve("folder"));
            ConfigFile.write(dir, new FolderConfig(server.url("/").toString(), new VaultId("v"), "box",
                    ConflictPolicy.KEEP_BOTH, 50));
            Map<String, String> token = Map.of("SKYSYNC_TOKEN", "d1.secret");

            Result listed = run(token, "trash", dir.toString());
            loop[0] = true;
            Result looping = run(token, "trash", dir.toString());

            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("ok.txt").doesNotContain("passwd");
            assertThat(listed.err()).contains("left out 1 item(s)");
            assertThat(looping.code()).isEqualTo(ExitCode.PARTIAL);
            assertThat(looping.err().strip()).contains("does not move on").hasLineCount(1);
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }
}
