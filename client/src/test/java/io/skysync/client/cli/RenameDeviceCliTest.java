package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.cli.InProcessCli.Result;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.TokenStore;
import io.skysync.client.config.UserDirs;
import io.skysync.client.testing.FakeBackend;
import io.skysync.domain.VaultId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skysync devices rename} through the real command line against the real API code (in-memory
 * stores): who may rename whom, and a folder that follows its own device's new name, token file included.
 */
class RenameDeviceCliTest {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4}-\\d{4})\\b");

    @TempDir
    Path temp;
    FakeBackend backend;
    Path laptop;
    Path phone;

    @BeforeEach
    void vaultWithAnAdminAndAMember() throws Exception {
        backend = FakeBackend.start();
        laptop = Files.createDirectories(temp.resolve("laptop"));
        Result init = run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", laptop.toString(),
                "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device", "laptop");
        assertThat(init.code()).as(init.err()).isZero();
        Files.writeString(laptop.resolve("notes.txt"), "from the laptop");
        ok(run("sync", laptop.toString()));
        Matcher code = CODE.matcher(ok(run("pair", laptop.toString())).out());
        assertThat(code.find()).isTrue();
        phone = temp.resolve("phone");
        ok(run("join", code.group(1), phone.toString(), "--endpoint", backend.endpoint().toString(), "--vault", "home",
                "--device", "phone"));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void rename_anotherDeviceByTheAdmin_listedUnderItsNewName_andItsFolderKeepsSyncing() throws Exception {
        Result renamed = ok(run("devices", "rename", "phone", "work phone", laptop.toString()));

        assertThat(renamed.out()).contains("renamed 'phone' to 'work phone'").doesNotContain("this device");
        assertThat(ok(run("devices", laptop.toString())).out()).containsPattern("work phone +member")
                .doesNotContainPattern("(?m)^phone ");
        Files.writeString(phone.resolve("from-phone.txt"), "written after the rename");
        ok(run("sync", phone.toString()));
        assertThat(ok(run("history", laptop.resolve("from-phone.txt").toString())).out()).contains("work phone");
        assertThat(config(phone)).as("another folder's config is not this command's").contains("device = 'phone'");
    }

    @Test
    void rename_thisDevice_theConfigAndTokenFollow_andTheFolderKeepsSyncing() throws Exception {
        String token = Files.readString(tokenFile("laptop"));

        Result renamed = ok(run("devices", "rename", "laptop", "desk at home", laptop.toString()));

        assertThat(renamed.out()).contains("renamed 'laptop' to 'desk at home' (this device");
        assertThat(config(laptop)).contains("device = 'desk at home'");
        Path moved = tokenFile("desk at home");
        assertThat(Files.readString(moved)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(moved))).isEqualTo("rw-------");
        assertThat(tokenFile("laptop")).as("kept for a folder that shares the device").exists();
        assertThat(temp.resolve("config/skysync/tokens")).isDirectoryNotContaining("glob:**.tmp");
        Files.writeString(laptop.resolve("later.txt"), "after the rename");
        ok(run("sync", laptop.toString()));
        assertThat(ok(run("devices", laptop.toString())).out()).containsPattern("desk at home +admin .*this device");
        assertThat(ok(run("status", laptop.toString())).out()).contains("as device 'desk at home'");
    }

    @Test
    void rename_byAMemberOfItself_allowed_butOfAnother_oneSentence() throws Exception {
        ok(run("devices", "rename", "phone", "mobile", phone.toString()));
        Result refused = run("devices", "rename", "laptop", "mine now", phone.toString());

        assertThat(config(phone)).contains("device = 'mobile'");
        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err().strip()).contains("only an admin device can rename another device").hasLineCount(1);
        assertThat(ok(run("devices", laptop.toString())).out()).containsPattern("laptop +admin");
    }

    @Test
    void rename_toAnActiveDevicesNameOrABadName_oneSentenceAndNothingChanges() throws Exception {
        Result taken = run("devices", "rename", "laptop", "PHONE", laptop.toString());
        Result bad = run("devices", "rename", "phone", "n".repeat(65), laptop.toString());
        Result unknown = run("devices", "rename", "tablet", "x", laptop.toString());

        assertThat(taken.code()).isEqualTo(ExitCode.USAGE);
        assertThat(taken.err().strip()).contains("another device of this vault is called \"PHONE\"").hasLineCount(1);
        assertThat(bad.err().strip()).contains("at most 64 printable characters").hasLineCount(1);
        assertThat(unknown.err().strip()).contains("no device named 'tablet'").hasLineCount(1);
        assertThat(config(laptop)).contains("device = 'laptop'");
        assertThat(tokenFile("PHONE")).doesNotExist();
    }

    @Test
    void rename_revokedDevice_refusedWithoutAskingTheServer() {
        ok(run("devices", "revoke", "phone", laptop.toString()));
        backend.resetCounts();

        Result refused = run("devices", "rename", "phone", "back", laptop.toString());

        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err().strip()).contains("'phone' is revoked").hasLineCount(1);
        assertThat(backend.count("api[POST name]")).isZero();
    }

    @Test
    void rename_thisDeviceToANameAnotherFolderHoldsATokenFor_refusedBeforeTheServerIsAsked() throws Exception {
        Path desk = Files.createDirectories(temp.resolve("desk"));
        ok(run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", desk.toString(),
                "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device", "desk"));
        ok(run("devices", "revoke", "desk", laptop.toString()));
        String desksToken = Files.readString(tokenFile("desk"));
        backend.resetCounts();

        Result refused = run("devices", "rename", "laptop", "desk", laptop.toString());

        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err().strip()).contains("a folder of this machine is device 'desk'").hasLineCount(1);
        assertThat(backend.count("api[POST name]")).isZero();
        assertThat(Files.readString(tokenFile("desk"))).isEqualTo(desksToken);
        assertThat(config(laptop)).contains("device = 'laptop'");
    }

    @Test
    void rename_thisDevice_folderCannotFollow_folderStillWorks_andTheRetryFollows() throws Exception {
        // A folder in the way of the new name's token file makes the folder's follow fail, as a full disk would.
        Path blocker = Files.createDirectories(tokenFile("desk").resolve("x"));

        Result failed = run("devices", "rename", "laptop", "desk", laptop.toString());

        assertThat(failed.code()).isEqualTo(ExitCode.USAGE);
        assertThat(failed.err().strip()).contains("now calls this device 'desk'", "devices rename \"desk\" \"desk\"")
                .hasLineCount(1);
        assertThat(config(laptop)).contains("device = 'laptop'");
        ok(run("sync", laptop.toString()));

        Files.delete(blocker);
        Files.delete(blocker.getParent());
        ok(run("devices", "rename", "desk", "desk", laptop.toString()));
        assertThat(config(laptop)).contains("device = 'desk'");
        ok(run("sync", laptop.toString()));
    }

    private static Result ok(Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        return result;
    }

    private Result run(Map<String, String> extra, String... args) {
        return InProcessCli.run(temp, extra, args);
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private static String config(Path root) throws Exception {
        return Files.readString(ConfigFile.of(root));
    }

    private Path tokenFile(String device) {
        return new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString())))
                .file(new TokenStore.Key(TokenStore.deployment(backend.endpoint()), new VaultId("home"), device));
    }
}
