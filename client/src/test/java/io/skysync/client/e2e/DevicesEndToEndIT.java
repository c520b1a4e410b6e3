package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.testing.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Devices meeting in the hosted manifest, on every cloud flavour: pairing (pair on one device,
 * join on others), revocation, a read-only device, renames, history and restore.
 */
class DevicesEndToEndIT extends EndToEndFixture {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4}-\\d{4})\\b");
    private static final String COMMIT = "POST /v1/vaults/{vault}/commit";

    private Path join(String name, String role) {
        CliHarness.Result pair = ok(cli.run("pair", a.toString(), "--role", role));
        Matcher code = CODE.matcher(pair.out());
        assertThat(code.find()).as(pair.out()).isTrue();
        Path dir = temp.resolve(name);
        ok(cli.run("join", code.group(1), dir.toString(), "--vault", vault, "--device", name));
        return dir;
    }

    @Test
    void threeDevices_pairedSyncRevokedAndReadOnly_eachBehavesAsDocumented() throws IOException {
        write(a, "shared/plan.md", "from the laptop");
        ok(sync(a));
        Path phone = join("phone", "member");
        Path kiosk = join("kiosk", "member");
        write(phone, "shared/phone.md", "from the phone");
        ok(sync(phone));
        ok(sync(kiosk));
        ok(sync(a));
        assertThat(Device.tree(phone)).isEqualTo(Device.tree(a)).isEqualTo(Device.tree(kiosk)).hasSize(2);

        // Revoked: the next sync is refused in one sentence, and nothing it sends is written.
        ok(cli.run("devices", "revoke", "phone", a.toString()));
        write(phone, "shared/plan.md", "phone edit after revocation");
        write(phone, "sneaky.md", "should never arrive");
        resetCounters();
        CliHarness.Result refused = sync(phone);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("revoked").doesNotContain("Exception").hasLineCount(1);
        assertThat(uploads()).isZero();
        assertThat(invocations(COMMIT)).isZero();
        assertThat(cli.run("history", a.resolve("sneaky.md").toString()).exitCode()).as("the vault never had it").isEqualTo(2);
        assertThat(ok(cli.run("history", a.resolve("shared/plan.md").toString())).out())
                .doesNotContain("phone").contains("laptop");
        assertThat(ok(cli.run("devices", a.toString())).out()).containsPattern("phone .*revoked")
                .containsPattern("kiosk +member");

        // Read-only: its edits stay local and are reported; it still pulls.
        ok(cli.run("devices", "role", "kiosk", "read-only", a.toString()));
        write(kiosk, "shared/plan.md", "kiosk edit");
        write(kiosk, "kiosk-notes.md", "kiosk only");
        write(a, "shared/news.md", "news from the laptop");
        ok(sync(a));
        resetCounters();
        CliHarness.Result readOnly = sync(kiosk);
        assertThat(readOnly.exitCode()).isEqualTo(1);
        assertThat(readOnly.out()).contains("this device is read-only: 2 local changes were not uploaded");
        assertThat(uploads()).isZero();
        assertThat(invocations(COMMIT)).isZero();
        assertThat(Files.readString(kiosk.resolve("shared/news.md"))).isEqualTo("news from the laptop");
        assertThat(Files.readString(kiosk.resolve("shared/plan.md"))).isEqualTo("kiosk edit");
        ok(sync(a));
        assertThat(Files.readString(a.resolve("shared/plan.md"))).isEqualTo("from the laptop");
        assertThat(a.resolve("kiosk-notes.md")).doesNotExist();
        assertThat(ok(cli.run("devices", a.toString())).out()).containsPattern("kiosk +read-only");
    }

    @Test
    void rename_anotherDeviceAndThisOne_throughTheRealBackend_bothKeepSyncing() throws IOException {
        write(a, "plan.md", "from the laptop");
        ok(sync(a));
        Path phone = join("phone", "member");

        ok(cli.run("devices", "rename", "phone", "work phone", a.toString()));
        ok(cli.run("devices", "rename", "laptop", "desk", a.toString()));
        CliHarness.Result taken = cli.run("devices", "rename", "work phone", "Desk", phone.toString());

        assertThat(taken.exitCode()).isEqualTo(2);
        assertThat(taken.err().strip()).contains("another device of this vault is called").hasLineCount(1);
        assertThat(Files.readString(a.resolve(".skysync/config.toml"))).contains("device = 'desk'");
        write(a, "plan.md", "from the desk");
        ok(sync(a));
        write(phone, "phone.md", "from the phone");
        ok(sync(phone));
        ok(sync(a));
        assertThat(Files.readString(phone.resolve("plan.md"))).isEqualTo("from the desk");
        assertThat(ok(cli.run("devices", a.toString())).out()).containsPattern("desk +admin .*this device")
                .containsPattern("work phone +member").doesNotContain("laptop");
        assertThat(ok(cli.run("history", a.resolve("phone.md").toString())).out()).contains("work phone");
    }

    @Test
    void historyAndRestore_roundTripIncludingADeletedFile() throws IOException {
        write(a, "keep.md", "keeps the folder non-empty");
        write(a, "essay.md", "draft one");
        ok(sync(a));
        write(a, "essay.md", "draft two");
        ok(sync(a));
        Files.delete(a.resolve("essay.md"));
        ok(sync(a));
        Path desk = join("desk", "member");
        assertThat(desk.resolve("essay.md")).doesNotExist();

        String history = ok(cli.run("history", a.resolve("essay.md").toString())).out();
        assertThat(history).containsPattern("3 .* laptop .*\\(deleted\\)").containsPattern("2 .* laptop +9  [0-9a-f]{12}");
        resetCounters();
        ok(cli.run("restore", a.resolve("essay.md").toString()));
        ok(cli.run("restore", "essay.md", "-C", a.toString(), "--version", "1", "--to", "old/essay-1.md"));
        assertThat(uploads()).as("restored content is already stored").isZero();
        ok(sync(desk));

        assertThat(Files.readString(desk.resolve("essay.md"))).isEqualTo("draft two");
        assertThat(Files.readString(desk.resolve("old/essay-1.md"))).isEqualTo("draft one");
        assertThat(ok(cli.run("history", desk.resolve("essay.md").toString())).out())
                .containsPattern("(?m)^ +4 ").containsPattern("(?m)^ +3 .*\\(deleted\\)");
    }

    @Test
    void trash_listsRestorableDeletions_throughTheRealBackend_andRestoreEmptiesIt() throws IOException {
        write(a, "keep.md", "keeps the folder non-empty");
        write(a, "notes/one.md", "one");
        write(a, "notes/two.md", "two, longer");
        ok(sync(a));
        Files.delete(a.resolve("notes/one.md"));
        Files.delete(a.resolve("notes/two.md"));
        ok(sync(a));
        Path desk = join("desk", "read-only");

        resetCounters();
        String listed = ok(cli.run("trash", desk.toString())).out();
        assertThat(invocations("GET /v1/vaults/{vault}/trash")).as("one page, however many deletions").isEqualTo(1);
        assertThat(listed).containsPattern(" laptop +3 +1  notes/one.md").containsPattern(" laptop +11 +1  notes/two.md")
                .doesNotContain("keep.md");

        ok(cli.run("restore", a.resolve("notes/two.md").toString()));
        assertThat(ok(cli.run("--json", "trash", a.toString())).out()).contains("notes/one.md").doesNotContain("two.md");
        ok(sync(desk));
        assertThat(Files.readString(desk.resolve("notes/two.md"))).isEqualTo("two, longer");
    }
}
