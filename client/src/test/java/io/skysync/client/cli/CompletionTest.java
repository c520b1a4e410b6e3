package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skysync completion bash|zsh}: the script, and what it completes in a real bash. */
class CompletionTest {
    @TempDir
    Path temp;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, Map.of("HOME", temp.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** What bash completes for the words typed so far (the last one is being typed). */
    private String complete(Path script, String words) throws Exception {
        String program = "source " + script + "; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_skysync; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void bash_completesCommandsSubcommandsAndOptions() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        String[] result = run("completion", "bash");
        assertThat(result[0]).isEqualTo("0");
        Path script = Files.writeString(temp.resolve("skysync.bash"), result[1]);

        assertThat(complete(script, "skysync sy")).contains("sync").doesNotContain("status");
        assertThat(complete(script, "skysync devices r")).contains("revoke").contains("role");
        assertThat(complete(script, "skysync restore --to")).contains("--to");
        assertThat(complete(script, "skysync completion ''")).isNotNull();
    }

    @Test
    void zsh_isTheSameModelBehindItsHeader() {
        String[] zsh = run("completion", "zsh");
        assertThat(zsh[0]).isEqualTo("0");
        assertThat(zsh[1]).startsWith("# skysync completion for zsh").contains("bashcompinit").contains("trash");
    }

    @Test
    void unknownShell_isAUsageErrorSayingWhichAreKnown() {
        String[] fish = run("completion", "fish");
        assertThat(fish[0]).isEqualTo("2");
        assertThat(fish[2]).contains("use bash or zsh").hasLineCount(1);
    }
}
