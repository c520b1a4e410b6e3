package io.skysync.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.CreateVaultResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.infra.DataFolder;
import io.skysync.infra.ServeMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder outlives the backend, and belongs to one process at a time. */
class LocalAwsBackendRestartIT {

    @Test
    void restart_onTheSameDataFolder_keepsVaultsManifestBlobsAndSecret(@TempDir Path dir) throws Exception {
        byte[] content = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        String hash = LocalAwsBackendIT.sha256(content);
        String token;
        String secret;
        try (LocalAwsBackend first = LocalAwsBackend.start(dir, 0)) {
            secret = first.bootstrapSecret();
            HttpApi api = new HttpApi(first.endpoint());
            token = api.post("/v1/vaults", secret, new CreateVaultRequest("kept", "laptop")).as(CreateVaultResponse.class).token();
            PlanResponse plan = api.post("/v1/vaults/kept/plan", token,
                    new PlanRequest(0L, List.of(new LocalChangeDto("k.txt", 0L, hash, (long) content.length, false)))).as(PlanResponse.class);
            HttpApi.put(plan.uploads().get(0).url(), plan.uploads().get(0).headers(), content);
            api.post("/v1/vaults/kept/commit", token,
                    new CommitRequest(List.of(new CommitEntryDto("k.txt", 0L, hash, (long) content.length, 1L, false))));
        }
        assertThat(DataFolder.readEndpoint(dir)).isEmpty();

        try (LocalAwsBackend second = LocalAwsBackend.start(dir, 0)) {
            HttpApi api = new HttpApi(second.endpoint());
            ChangesResponse changes = api.get("/v1/vaults/kept/changes?since=0", token).as(ChangesResponse.class);
            DownloadUrlsResponse urls = api.post("/v1/vaults/kept/download-urls", token,
                    new DownloadUrlsRequest(List.of(new DownloadUrlsRequest.FileRef("k.txt", null)))).as(DownloadUrlsResponse.class);

            assertThat(second.bootstrapSecret()).isEqualTo(secret);
            assertThat(changes.entries()).extracting(e -> e.path()).containsExactly("k.txt");
            assertThat(HttpApi.download(urls.urls().get(0).url()).body()).isEqualTo(content);
        }
    }

    /** SIGTERM is what a logout, a service manager or a plain {@code kill} sends; the next command must find no endpoint. */
    @Test
    void inProcessBackend_stoppedBySigterm_removesItsEndpointFile(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InProcessBackendMain.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> firstLineStartingWith(out, "ready ")).get(90, TimeUnit.SECONDS);
            assertThat(ready).as("the child's output").startsWith("ready ");
            assertThat(DataFolder.readEndpoint(dir)).isPresent();

            child.destroy();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve(DataFolder.ENDPOINT)).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    private static String firstLineStartingWith(BufferedReader out, String prefix) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            seen.append(e);
        }
        return seen.toString();
    }

    @Test
    void serveMain_inAnotherProcess_onAFolderInUse_exitsWithAClearMessage(@TempDir Path dir) throws Exception {
        try (LocalAwsBackend running = LocalAwsBackend.start(dir, 0)) {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(), "--data", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(other.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("in use by another skysync backend").contains(running.endpoint().toString());
        }
    }
}
