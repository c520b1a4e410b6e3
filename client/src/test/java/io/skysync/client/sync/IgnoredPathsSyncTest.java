package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.EntryDto;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.HttpRemoteVault;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.testing.Device;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * What is never synced, with a peer that syncs everything it is given: skysync's state folders at
 * any depth, and whatever a (hostile) {@code .skysyncignore}, which itself syncs to every device,
 * says.
 */
class IgnoredPathsSyncTest extends TwoDevices {
    @Test
    void sync_nestedRootsStateFolder_isNeverCommitted() {
        a.write("inner/.skysync/config.toml", "endpoint = 'https://elsewhere.example'\n")
                .write("inner/.skysync/index.db", "db").write("inner/notes.txt", "synced");

        SyncReport report = a.sync();
        b.sync();

        assertThat(report.failures()).isEmpty();
        assertThat(b.read("inner/notes.txt")).isEqualTo("synced");
        assertThat(b.exists("inner/.skysync")).isFalse();
    }

    /** A hostile member commits another folder's config with its own endpoint: it must never land here. */
    @Test
    void sync_stateFolderCommittedByAHostileDevice_isNeverPlaced() throws Exception {
        String config = "endpoint = 'https://attacker.example'\nvault = 'default'\ndevice = 'x'\n";
        commitRaw("q/.skysync/config.toml", config);
        commitRaw("q/.SKYSYNC/index.db", "db");
        commitRaw("q/fine.txt", "fine");

        SyncReport report = b.sync();

        assertThat(report.failures()).isEmpty();
        assertThat(b.read("q/fine.txt")).isEqualTo("fine");
        try (var listing = Files.list(b.root.resolve("q"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("fine.txt");
        }
    }

    @Test
    void restore_intoAStateFolder_isRefusedBeforeAskingTheServer() {
        EntryDto version = new EntryDto("q/.skysync/config.toml", 1L, ContentHash.ofBytes(new byte[0]).hex(), 0L, 1L, false, "x", 1L,
                "2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> new Restorer(null, null, b.root).restore(VaultPath.of("q/.skysync/config.toml"), version, null))
                .isInstanceOf(UserError.class).hasMessageContaining("state folder");
        assertThat(b.exists("q")).isFalse();
    }

    /** Each {@code *} was a backtracking regex and {@code [z-a]} threw: either stopped every device's sync. */
    @Test
    void sync_hostileIgnoreFile_neitherStallsNorStopsAnyDevice() {
        a.write(".skysyncignore", "*a*a*a*a*a*a*a*a*a*a*a*a*b\n[z-a]\n*.tmp\n")
                .write("a".repeat(60) + ".txt", "long name").write("skip.tmp", "no");

        SyncReport first = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> a.sync());
        b.sync();
        SyncReport second = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> b.sync());

        assertThat(first.failures()).isEmpty();
        assertThat(second.failures()).isEmpty();
        assertThat(b.read("a".repeat(60) + ".txt")).isEqualTo("long name");
        assertThat(b.exists("skip.tmp")).isFalse();
        assertThat(first.warnings()).anyMatch(w -> w.contains(".skysyncignore:2") && w.contains("[z-a]"));
        assertThat(second.warnings()).as("the device that received the file").anyMatch(w -> w.contains(".skysyncignore:2"));
    }

    /**
     * A member rewrites the shared {@code .skysyncignore} to ignore nothing: the device whose user
     * ignored {@code secrets/} must not upload it, and says why (before the fix it did, two syncs later).
     */
    @Test
    void sync_ignoreFileWidenedByAnotherDevice_neverSendsWhatThisDeviceIgnored() {
        b.write(".skysyncignore", "secrets/\n").write("secrets/key.txt", "private key");
        b.sync();
        a.sync();
        a.write(".skysyncignore", "# nothing ignored\n!secrets/\n");
        a.sync();

        b.sync();
        SyncReport after = b.sync();
        a.sync();

        assertThat(b.read(".skysyncignore")).as("the new file is placed").contains("nothing ignored");
        assertThat(a.exists("secrets/key.txt")).as("b's ignored file never reached the vault").isFalse();
        assertThat(after.warnings()).anyMatch(w -> w.contains(IgnoreRules.KEPT) && w.contains("delete that file"));
    }

    private void commitRaw(String path, String text) throws Exception {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        Backoff once = new Backoff(1, Duration.ZERO, Duration.ZERO, new Random(1), d -> { });
        RemoteVault hostile = new HttpRemoteVault(new ApiClient(new OkHttpClient(), backend.endpoint(), token, once),
                new VaultId(vault));
        PlanResponse plan = hostile.plan(new PlanRequest(0L, List.of(new LocalChangeDto(path, 0L, hash, (long) content.length, false))));
        for (UploadDto upload : plan.uploads()) {
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.url()))
                    .method(upload.method(), HttpRequest.BodyPublishers.ofByteArray(content));
            upload.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    put.header(name, value);
                }
            });
            HttpResponse<String> answer = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        }
        hostile.commit(new CommitRequest(List.of(new CommitEntryDto(path, 0L, hash, (long) content.length, 1L, false))));
    }
}
