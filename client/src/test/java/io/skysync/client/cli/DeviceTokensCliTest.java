package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.cli.InProcessCli.Result;
import io.skysync.client.testing.FakeBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which device token a folder uses: one per (deployment, vault, device name), never another
 * deployment's, never another name's that only looks alike; and which name a folder gets.
 */
class DeviceTokensCliTest {
    private static final Map<String, String> SECRET = Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET);
    @TempDir
    Path temp;
    private FakeBackend backend;

    @BeforeEach
    void start() throws Exception {
        backend = FakeBackend.start();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private Result run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOSTNAME", "vm"));
        env.putAll(extra);
        return InProcessCli.run(temp, env, args);
    }

    private Result init(Path dir, String vault, String... extra) {
        String[] args = Stream.concat(Stream.of("init", dir.toString(), "--endpoint", backend.endpoint().toString(),
                "--vault", vault), Stream.of(extra)).toArray(String[]::new);
        return run(SECRET, args);
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(temp.resolve(name));
    }

    private List<Path> tokenFiles() throws Exception {
        try (Stream<Path> files = Files.list(temp.resolve("config/skysync/tokens"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void init_namesThatOnlyLookAlike_areTwoDevicesWithTwoTokens() throws Exception {
        Result first = init(folder("one"), "home", "--device", "phone 1");
        Result second = init(folder("two"), "home", "--device", "phone_1");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("new device 'phone_1'").doesNotContain("existing device token");
        assertThat(tokenFiles()).hasSize(2);
    }

    @Test
    void init_vaultAndDeviceNamesSharingADash_areNotConfused() throws Exception {
        Result first = init(folder("one"), "vd", "--device", "x-y");
        Result second = init(folder("two"), "vd-x", "--device", "y");

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("created vault 'vd-x'");
        assertThat(first.out()).contains("created vault 'vd'");
    }

    /** The token of one deployment must never be sent to another one. */
    @Test
    void initAndSync_sameVaultAndDeviceAtAnotherEndpoint_neverSendTheFirstDeploymentsToken() throws Exception {
        assertThat(init(folder("one"), "home", "--device", "box").code()).isZero();
        String firstToken = Files.readString(tokenFiles().get(0)).strip();
        try (MockWebServer other = new MockWebServer()) {
            for (int i = 0; i < 20; i++) {
                other.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":{\"code\":\"unauthorized\",\"message\":\"no\"}}"));
            }
            other.start();
            Path two = folder("two");

            Result init = run(Map.of(), "init", two.toString(), "--endpoint", other.url("/").toString(), "--vault", "home",
                    "--device", "box");
            Result status = run(Map.of(), "status", two.toString());

            assertThat(init.code()).isEqualTo(ExitCode.USAGE);
            assertThat(init.err()).contains("no device token");
            assertThat(status.code()).isNotZero();
            for (int i = 0; i < other.getRequestCount(); i++) {
                RecordedRequest request = other.takeRequest();
                assertThat(String.valueOf(request.getHeader("Authorization"))).doesNotContain(firstToken);
            }
        }
    }

    @Test
    void init_secondFolderOnTheSameHost_getsItsOwnDefaultDeviceNameAndSaysSo() throws Exception {
        Result first = init(folder("one"), "home");
        Result second = init(folder("two"), "home");
        Result third = init(folder("three"), "home");

        assertThat(first.out()).contains("device ('vm')");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("'vm-2'").contains("--device");
        assertThat(Files.readString(temp.resolve("two/.skysync/config.toml"))).contains("device = 'vm-2'");
        assertThat(third.out()).contains("'vm-3'");
    }

    /** Token files written by an older client, keyed only by vault and device, move to the new name on first use. */
    @Test
    void sync_withATokenFileOfAnOlderClient_movesItAndKeepsWorking() throws Exception {
        Path dir = folder("old");
        assertThat(init(dir, "legacy", "--device", "box").code()).isZero();
        Path current = tokenFiles().get(0);
        Path legacy = current.resolveSibling("legacy-box.token");
        Files.move(current, legacy);

        Result sync = run(Map.of(), "sync", dir.toString());

        assertThat(sync.code()).as(sync.err()).isZero();
        assertThat(legacy).doesNotExist();
        assertThat(current).exists();
    }
}
