package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Man pages for every command, from the command model, that groff renders without a warning. */
class ManPagesTest {
    @TempDir
    Path temp;

    private static CommandLine model() {
        return Cli.commandLine(new CliContext(Map.of(), System.out, System.err, Path.of("."), false));
    }

    @Test
    void write_onePagePerCommand_withNameSynopsisOptionsAndExamples() throws IOException {
        List<Path> pages = ManPages.write(model(), temp);

        assertThat(pages).hasSize(ManPages.all(model()).size());
        assertThat(temp.resolve("skysync.1")).exists();
        assertThat(temp.resolve("skysync-devices-revoke.1")).exists();
        String restore = Files.readString(temp.resolve("skysync-restore.1"));
        assertThat(restore).startsWith(".TH \"SKYSYNC\\-RESTORE\" \"1\"")
                .contains(".SH NAME\nskysync\\-restore \\- Bring back a kept version of a file, or a deleted file.\n")
                .contains(".B skysync restore\n[OPTIONS] PATH\n")
                .contains("\\fB\\-\\-version\\fR=\\fIN\\fR")
                .contains(".SH GLOBAL OPTIONS")
                .contains("skysync restore ~/notes/a.txt")
                .contains("skysync(1)");
        String root = Files.readString(temp.resolve("skysync.1"));
        assertThat(root).contains(".SH COMMANDS").contains("See skysync\\-sync(1).").contains("Exit codes: 0 done");
        assertThat(Files.readString(temp.resolve("skysync-push.1"))).contains("incremental (default)")
                .doesNotContain("${");
    }

    @Test
    void everyPage_rendersWithGroffWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is not installed");
        for (Path page : ManPages.write(model(), temp)) {
            Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", page.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(groff.exitValue()).as(page.toString()).isZero();
            assertThat(warnings).as(page.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void esc_keepsTroffFromReadingTextAsRequests() {
        assertThat(ManPages.esc(".hidden")).isEqualTo("\\&.hidden");
        assertThat(ManPages.esc("'quoted")).isEqualTo("\\&'quoted");
        assertThat(ManPages.esc("a\\b-c")).isEqualTo("a\\eb\\-c");
    }
}
