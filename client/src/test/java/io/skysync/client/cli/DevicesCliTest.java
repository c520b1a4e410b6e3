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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pair, join, devices, roles, revocation, history and restore through the real command line,
 * against the real API code with in-memory stores on a remote (non-local) endpoint.
 */
class DevicesCliTest {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4}-\\d{4})\\b");

    @TempDir
    Path temp;
    FakeBackend backend;
    Path laptop;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void vaultWithAnAdmin() throws Exception {
        backend = FakeBackend.start();
        laptop = Files.createDirectories(temp.resolve("laptop"));
        Result init = run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", laptop.toString(),
                "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device", "laptop");
        assertThat(init.code()).as(init.err()).isZero();
    }

    @AfterEach
    void stop() {
        backend.close();
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

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private Path join(String name, String role) throws Exception {
        Result pair = run("pair", laptop.toString(), "--role", role);
        assertThat(pair.code()).as(pair.err()).isZero();
        Matcher m = CODE.matcher(pair.out());
        assertThat(m.find()).as(pair.out()).isTrue();
        Path dir = temp.resolve(name);
        Result join = run("join", m.group(1), dir.toString(), "--endpoint", backend.endpoint().toString(),
                "--vault", "home", "--device", name);
        assertThat(join.code()).as(join.out() + join.err()).isZero();
        return dir;
    }

    @Test
    void pairAndJoin_newDevice_getsItsOwnTokenAndSyncsTheVaultDown() throws Exception {
        Files.writeString(laptop.resolve("notes.txt"), "from the laptop");
        assertThat(run("sync", laptop.toString()).code()).isZero();

        Result pair = run("pair", laptop.toString());
        Path phone = join("phone", "member");

        assertThat(pair.out()).contains("skysync join", "--vault home", "--endpoint " + backend.endpoint());
        assertThat(Files.readString(phone.resolve("notes.txt"))).isEqualTo("from the laptop");
        Path token = tokenFile("home", "phone");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(Files.readString(token)).isNotEqualTo(Files.readString(tokenFile("home", "laptop")));
        Result devices = run("devices", laptop.toString());
        assertThat(devices.out()).containsPattern("laptop +admin").containsPattern("phone +member")
                .contains("this device");
    }

    @Test
    void join_wrongCode_isOneSentenceAndLeavesNoFolder() {
        Path dir = temp.resolve("nope");
        Result join = run("join", "0000-0000", dir.toString(), "--endpoint", backend.endpoint().toString(),
                "--vault", "home", "--device", "nope");

        assertThat(join.code()).isEqualTo(ExitCode.USAGE);
        assertThat(join.err().strip()).contains("pairing code is wrong").hasLineCount(1);
        assertThat(dir).doesNotExist();
    }

    @Test
    void init_existingVaultWithoutSecret_pointsAtPairAndJoin() throws Exception {
        Path other = Files.createDirectories(temp.resolve("other"));
        Result init = run("init", other.toString(), "--endpoint", backend.endpoint().toString(), "--vault", "home",
                "--device", "other");

        assertThat(init.code()).isEqualTo(ExitCode.USAGE);
        assertThat(init.err()).contains("skysync pair", "skysync join");
    }

    @Test
    void init_existingVaultWithSecret_enrolsANewDeviceWithItsOwnToken() throws Exception {
        Path desk = Files.createDirectories(temp.resolve("desk"));
        Result init = run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", desk.toString(),
                "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device", "desk");

        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("joined vault 'home' as a new device 'desk'");
        assertThat(run("devices", desk.toString()).out()).containsPattern("desk +member");
    }

    @Test
    void readOnlyDevice_keepsItsEditsLocalAndSaysSo_pullStillWorks() throws Exception {
        Files.writeString(laptop.resolve("shared.txt"), "v1");
        run("sync", laptop.toString());
        Path kiosk = join("kiosk", "read-only");
        Files.writeString(kiosk.resolve("shared.txt"), "kiosk edit");
        Files.writeString(kiosk.resolve("kiosk-only.txt"), "new here");
        Files.writeString(laptop.resolve("shared2.txt"), "more from laptop");
        run("sync", laptop.toString());
        backend.resetCounts();

        Result sync = run("sync", kiosk.toString());

        assertThat(sync.code()).isEqualTo(ExitCode.PARTIAL);
        assertThat(sync.out()).contains("this device is read-only: 2 local changes were not uploaded");
        assertThat(backend.count("blob[PUT]")).isZero();
        assertThat(backend.count("api[POST commit]")).isZero();
        assertThat(Files.readString(kiosk.resolve("shared2.txt"))).isEqualTo("more from laptop");
        assertThat(Files.readString(kiosk.resolve("shared.txt"))).isEqualTo("kiosk edit");
        run("sync", laptop.toString());
        assertThat(Files.readString(laptop.resolve("shared.txt"))).isEqualTo("v1");
        assertThat(laptop.resolve("kiosk-only.txt")).doesNotExist();
        Result push = run("push", kiosk.toString());
        assertThat(push.code()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).contains("read-only");
    }

    @Test
    void roleChange_toReadOnly_isNoticedAtTheNextSyncAndNothingIsUploaded() throws Exception {
        Path phone = join("phone", "member");
        Result role = run("devices", "role", "phone", "read-only", laptop.toString());
        Files.writeString(phone.resolve("draft.txt"), "phone draft");
        backend.resetCounts();

        Result sync = run("sync", phone.toString());

        assertThat(role.out()).contains("'phone' is now read-only (was member)");
        assertThat(sync.out()).contains("this device is read-only: 1 local change was not uploaded");
        assertThat(backend.count("blob[PUT]")).isZero();
        assertThat(backend.count("api[POST plan]")).as("the refusal is an outcome of this run, not a second run").isEqualTo(1);
        assertThat(backend.count("api[POST commit]")).isZero();
        assertThat(Files.readString(phone.resolve(".skysync/config.toml"))).contains("read-only");
    }

    @Test
    void revoke_device_nextSyncIsRefusedWithOneSentenceAndWritesNothing() throws Exception {
        Path phone = join("phone", "member");
        Result revoke = run("devices", "revoke", "phone", laptop.toString());
        Files.writeString(phone.resolve("sneaky.txt"), "after revocation");
        backend.resetCounts();

        Result sync = run("sync", phone.toString());

        assertThat(revoke.out()).contains("revoked 'phone'");
        assertThat(sync.code()).isEqualTo(ExitCode.USAGE);
        assertThat(sync.err().strip()).contains("revoked").hasLineCount(1);
        assertThat(backend.count("blob[PUT]")).isZero();
        assertThat(run("devices", laptop.toString()).out()).containsPattern("phone .*revoked");
        assertThat(run("history", laptop.resolve("sneaky.txt").toString()).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void historyAndRestore_deletedFileComesBackAsANewVersion_andToAnotherPath() throws Exception {
        Path essay = laptop.resolve("essay.txt");
        Files.writeString(laptop.resolve("keep.txt"), "so the folder is never empty");
        Files.writeString(essay, "draft one");
        run("sync", laptop.toString());
        Files.writeString(essay, "draft two");
        run("sync", laptop.toString());
        Files.delete(essay);
        run("sync", laptop.toString());

        Result history = run("history", essay.toString());
        Result restore = run("restore", essay.toString());
        Result toOther = run("restore", essay.toString(), "--version", "1", "--to", laptop.resolve("old/essay-v1.txt").toString());
        Result after = run("history", essay.toString());

        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).containsPattern("3 .* laptop .*\\(deleted\\)").containsPattern("1 .* laptop +9  [0-9a-f]{12}");
        assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
        assertThat(Files.readString(essay)).isEqualTo("draft two");
        assertThat(toOther.code()).as(toOther.out() + toOther.err()).isZero();
        assertThat(Files.readString(laptop.resolve("old/essay-v1.txt"))).isEqualTo("draft one");
        assertThat(after.out()).containsPattern("(?m)^ +4 ");
        Path phone = join("phone", "member");
        assertThat(Files.readString(phone.resolve("essay.txt"))).isEqualTo("draft two");
        assertThat(Files.readString(phone.resolve("old/essay-v1.txt"))).isEqualTo("draft one");
    }

    private Path tokenFile(String vault, String device) {
        return new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString())))
                .file(new TokenStore.Key(TokenStore.deployment(backend.endpoint()), new VaultId(vault), device));
    }
}
