package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.client.cli.InProcessCli.Result;
import io.skysync.client.testing.FakeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, push, pull, conflicts and resolve on two folders of one vault, through the command line. */
class SyncCommandsTest {
    @TempDir
    Path temp;
    FakeBackend backend;
    Path laptop;
    Path desk;

    @BeforeEach
    void twoFolders() throws Exception {
        backend = FakeBackend.start();
        laptop = Files.createDirectories(temp.resolve("laptop"));
        desk = Files.createDirectories(temp.resolve("desk"));
        for (Path folder : new Path[] {laptop, desk}) {
            Result init = run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", folder.toString(),
                    "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device",
                    folder.getFileName().toString());
            assertThat(init.code()).as(init.err()).isZero();
        }
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private Result run(Map<String, String> extra, String... args) {
        return InProcessCli.run(temp, extra, args);
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void status_listsLocalAndRemoteChanges_andChangesNothing() throws Exception {
        Files.writeString(laptop.resolve("shared.txt"), "v1");
        run("sync", laptop.toString());
        Files.writeString(desk.resolve("mine.txt"), "desk only");
        backend.resetCounts();

        Result status = run("status", desk.toString());
        Result json = run("--json", "status", desk.toString());

        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("local changes to send:", "new:      mine.txt", "remote changes to fetch:",
                "changed:  shared.txt");
        JsonNode node = ApiJson.mapper().readTree(json.out());
        assertThat(node.get("clean").asBoolean()).isFalse();
        assertThat(node.get("local").get(0).get("path").asText()).isEqualTo("mine.txt");
        assertThat(node.get("remote").get(0).get("action").asText()).isEqualTo("download");
        assertThat(desk.resolve("shared.txt")).doesNotExist();
        assertThat(backend.count("api[POST plan]")).as("status uses GETs only").isZero();
        assertThat(backend.count("api[POST commit]")).isZero();
    }

    @Test
    void pushThenPull_moveOneDirectionEach() throws Exception {
        Files.writeString(laptop.resolve("l.txt"), "from laptop");
        Files.writeString(desk.resolve("d.txt"), "from desk");

        Result push = run("push", laptop.toString());
        Result pull = run("pull", desk.toString());

        assertThat(push.code()).as(push.err()).isZero();
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("1 change(s) wait for the other direction");
        assertThat(Files.readString(desk.resolve("l.txt"))).isEqualTo("from laptop");
        assertThat(laptop.resolve("d.txt")).doesNotExist();
    }

    @Test
    void conflict_isListed_andResolvedKeepingThisDevicesVersion() throws Exception {
        Files.writeString(laptop.resolve("n.txt"), "base");
        run("sync", laptop.toString());
        run("sync", desk.toString());
        Files.writeString(laptop.resolve("n.txt"), "laptop's edit");
        Files.writeString(desk.resolve("n.txt"), "desk's edit");
        run("sync", laptop.toString());

        Result clash = run("sync", desk.toString());
        Result conflicts = run("conflicts", desk.toString());
        Result resolve = run("resolve", desk.resolve("n.txt").toString(), "--keep", "local");

        assertThat(clash.code()).isEqualTo(ExitCode.PARTIAL);
        assertThat(clash.out()).contains("conflict: n.txt: kept both");
        assertThat(conflicts.out()).contains("n.conflict-desk-");
        assertThat(resolve.code()).as(resolve.out() + resolve.err()).isZero();
        assertThat(Files.readString(desk.resolve("n.txt"))).isEqualTo("desk's edit");
        run("sync", laptop.toString());
        assertThat(Files.readString(laptop.resolve("n.txt"))).isEqualTo("desk's edit");
    }

    /** {@code --keep both} renames the copy to a plain name; a file already there (here unsynced) is never replaced. */
    @Test
    void resolve_keepBoth_whereThePlainNameIsTaken_isRefusedAndReplacesNothing() throws Exception {
        Path copy = conflictOnTheDesk();
        Path plain = copy.resolveSibling(copy.getFileName().toString().replace(".conflict-", "."));
        Files.writeString(plain, "a file of mine that happens to have that name");

        Result both = run("resolve", desk.resolve("n.txt").toString(), "--keep", "both");

        assertThat(both.code()).as(both.out() + both.err()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains(plain.getFileName().toString());
        assertThat(Files.readString(plain)).isEqualTo("a file of mine that happens to have that name");
        assertThat(Files.readString(copy)).isEqualTo("desk's edit");
    }

    @Test
    void sync_dryRun_printsThePlanAndChangesNothing() throws Exception {
        Files.writeString(laptop.resolve("a.txt"), "a");

        Result dry = run("sync", "--dry-run", laptop.toString());

        assertThat(dry.out()).contains("send new:        a.txt", "dry run: nothing was changed");
        assertThat(backend.count("api[POST commit]")).isZero();
        assertThat(run("status", desk.toString()).out()).contains("nothing to sync");
    }

    @Test
    void resolve_whatWouldBeReplacedOrRemovedChangedSinceTheSync_isRefusedAndKept() throws Exception {
        Path copy = conflictOnTheDesk();
        Files.writeString(copy, "desk's edit, edited again");
        Files.writeString(desk.resolve("n.txt"), "laptop's edit, edited on the desk");

        Result keepRemote = run("resolve", desk.resolve("n.txt").toString(), "--keep", "remote");
        Result keepLocal = run("resolve", desk.resolve("n.txt").toString(), "--keep", "local");

        assertThat(keepRemote.code()).isEqualTo(ExitCode.USAGE);
        assertThat(keepRemote.err()).contains("changed since the last sync");
        assertThat(Files.readString(copy)).isEqualTo("desk's edit, edited again");
        assertThat(keepLocal.code()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(desk.resolve("n.txt"))).isEqualTo("laptop's edit, edited on the desk");
    }

    /** n.txt edited on both devices, the laptop first: the desk keeps the laptop's under the name and its own as the copy. */
    private Path conflictOnTheDesk() throws IOException {
        Files.writeString(laptop.resolve("n.txt"), "base");
        run("sync", laptop.toString());
        run("sync", desk.toString());
        Files.writeString(laptop.resolve("n.txt"), "laptop's edit");
        Files.writeString(desk.resolve("n.txt"), "desk's edit");
        run("sync", laptop.toString());
        run("sync", desk.toString());
        Path copy;
        try (var files = Files.list(desk)) {
            copy = files.filter(f -> f.getFileName().toString().startsWith("n.conflict-")).findFirst().orElseThrow();
        }
        return copy;
    }

}
