package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserDirs;
import io.skysync.client.testing.FakeBackend;
import io.skysync.domain.VaultId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, against a remote endpoint served in-process. */
class CliTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    private Result run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", temp.toString(),
                "XDG_CONFIG_HOME", temp.resolve("config").toString(), "SKYSYNC_DATA_DIR", temp.resolve("data").toString()));
        env.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sync_unknownFolder_isAUsageErrorInOneSentence() {
        Result result = run(Map.of(), "sync", temp.resolve("nope").toString());
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).contains("does not exist").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void status_folderNeverInitialized_tellsToRunInit() {
        Result result = run(Map.of(), "status", temp.toString());
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("skysync init");
    }

    @Test
    void badPolicy_isRefusedBeforeTouchingTheFolder() {
        Result result = run(Map.of(), "--on-conflict", "coin-flip", "sync", temp.toString());
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("keep-both");
        assertThat(temp.resolve(".skysync")).doesNotExist();
    }

    @Test
    void version_printsAndExitsZero() {
        Result result = run(Map.of(), "--version");
        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("skysync ");
    }

    @Test
    void initAndSync_remoteEndpoint_storeOwnerOnlyTokenAndSync() throws Exception {
        try (FakeBackend backend = FakeBackend.start()) {
            Path dir = Files.createDirectories(temp.resolve("folder"));
            Files.writeString(dir.resolve("hello.txt"), "hi");
            Map<String, String> secret = Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET);

            Result init = run(secret, "init", dir.toString(), "--endpoint", backend.endpoint().toString(),
                    "--vault", "cli", "--device", "box");
            Result sync = run(Map.of(), "--json", "sync", dir.toString());
            Result again = run(Map.of(), "init", dir.toString(), "--endpoint", "https://elsewhere.example", "--vault", "cli");

            assertThat(init.code()).as(init.err()).isZero();
            Path token = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString())))
                    .file(new TokenStore.Key(TokenStore.deployment(backend.endpoint()), new VaultId("cli"), "box"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
            assertThat(sync.code()).as(sync.err()).isZero();
            assertThat(sync.out()).contains("\"uploaded\":[\"hello.txt\"]");
            assertThat(again.code()).isEqualTo(ExitCode.USAGE);
            assertThat(again.err()).contains("already a skysync folder");
        }
    }

    @Test
    void sync_badToken_isAUsageErrorSayingWhatToDo() throws Exception {
        try (FakeBackend backend = FakeBackend.start()) {
            Path dir = Files.createDirectories(temp.resolve("folder"));
            run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", dir.toString(),
                    "--endpoint", backend.endpoint().toString(), "--vault", "tok", "--device", "box");
            Result result = run(Map.of("SKYSYNC_TOKEN", "0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                    "sync", dir.toString());
            assertThat(result.code()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).contains("token").doesNotContain("at io.skysync");
        }
    }

    @Test
    void sync_configWithAMaxDeletePercentThatIsNotANumber_isAUsageErrorNamingTheFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("f"));
        Files.createDirectories(folder.resolve(".skysync"));
        Files.writeString(folder.resolve(".skysync/config.toml"), "endpoint = 'local'\nvault = 'v'\ndevice = 'd'\n"
                + "on_conflict = 'keep-both'\nmax_delete_percent = \"abc\"\n");

        Result result = run(Map.of(), "sync", folder.toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err().strip()).contains("max_delete_percent must be a whole number from 0 to 100, not \"abc\"")
                .contains("config.toml").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void sync_maxDeleteOptionOutOfRange_isAUsageError() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("g"));
        Files.createDirectories(folder.resolve(".skysync"));
        Files.writeString(folder.resolve(".skysync/config.toml"), "endpoint = 'local'\nvault = 'v'\ndevice = 'd'\n");

        Result result = run(Map.of("SKYSYNC_TOKEN", "x.y"), "--max-delete", "101", "status", folder.toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
    }
}
