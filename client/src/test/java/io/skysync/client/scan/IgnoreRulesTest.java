package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRulesTest {
    private static final IgnoreRules RULES = IgnoreRules.parse(List.of(
            "# comment", "", "*.log", "!keep.log", "build/", "/top-only.txt", "docs/**/draft-*", "a?c.txt", "[Tt]emp*",
            "**/cache/**", "x/**", "[!a-m]*.bak", "\\#hash", "lit\\*star", "*.[ch]", "a/**/z"));

    @ParameterizedTest(name = "{0} ignored={1}")
    @CsvSource({
            "app.log, true",
            "sub/dir/app.log, true",
            "keep.log, false",
            "build/out.bin, true",
            "src/build/out.bin, true",
            "build, false",
            "top-only.txt, true",
            "sub/top-only.txt, false",
            "docs/x/y/draft-1.md, true",
            "docs/draft-2.md, true",
            "docs/final.md, false",
            "abc.txt, true",
            "abbc.txt, false",
            "Temp1, true",
            "temp2, true",
            "p/cache/q/r.bin, true",
            "cache/r.bin, true",
            "cachet/r.bin, false",
            "x/deep/file, true",
            "y/x/file, false",
            "z.bak, true",
            "b.bak, false",
            "#hash, true",
            "lit*star, true",
            "litXstar, false",
            "main.c, true",
            "main.h, true",
            "main.cc, false",
            "a/z, true",
            "a/b/c/z, true",
            "a/bz, false",
            ".skysync/index.db, true",
            "dir/.skysync-tmp-abc-1, true",
            "notes.txt, false"
    })
    void ignored_gitignoreSyntax(String path, boolean expected) {
        assertThat(RULES.ignored(path, false)).isEqualTo(expected);
    }

    /** Each star was a backtracking regex: this pattern against a long name stalled every device's sync. */
    @Test
    void ignored_manyStarsAgainstALongName_returnsAtOnce() {
        IgnoreRules rules = IgnoreRules.parse(List.of("*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/**/**/**/**/**/**/**/**/**/b"));
        String name = "a".repeat(200);
        String deep = "a/".repeat(100) + "c";

        boolean[] results = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new boolean[] {rules.ignored(name, false), rules.ignored(deep, false), rules.ignored(name + "b", false)});

        assertThat(results).containsExactly(false, false, true);
    }

    @Test
    void parse_badLines_areSkippedWithAWarningNamingTheLineAndTheOthersStillApply() {
        IgnoreRules rules = IgnoreRules.parse(List.of("*.tmp", "[z-a]", "ends-with\\", "*.log"));

        assertThat(rules.ignored("x.tmp", false)).isTrue();
        assertThat(rules.ignored("x.log", false)).isTrue();
        assertThat(rules.ignored("z", false)).isFalse();
        assertThat(rules.warnings()).hasSize(2);
        assertThat(rules.warnings().get(0)).contains(".skysyncignore:2").contains("[z-a]").contains("skipped");
        assertThat(rules.warnings().get(1)).contains(".skysyncignore:3").contains("skipped");
    }

    @Test
    void load_invalidUtf8Line_isSkippedWithAWarningAndTheRestIsRead(@TempDir Path root) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("*.log\n".getBytes(StandardCharsets.UTF_8));
        file.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, '\n'});
        file.write("caf\u00e9.txt\r\n*.tmp\n".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve(IgnoreRules.FILE_NAME), file.toByteArray());

        IgnoreRules rules = IgnoreRules.load(root);

        assertThat(rules.ignored("a.log", false)).isTrue();
        assertThat(rules.ignored("caf\u00e9.txt", false)).isTrue();
        assertThat(rules.ignored("a.tmp", false)).isTrue();
        assertThat(rules.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains(root.resolve(IgnoreRules.FILE_NAME) + ":2").contains("UTF-8"));
    }

    /** A nested root's state (its config names an endpoint its token is sent to) is never synced, in any case or spelling. */
    @ParameterizedTest
    @ValueSource(strings = {".skysync", "inner/.skysync", "q/.skysync/config.toml", "a/b/.skysync/index.db",
            "a/.SKYSYNC/config.toml", "a/.SkySync/lock", "a/.\u017fky\u017fync/config.toml", "a/.skysync./config.toml",
            "a/.skysync /config.toml"})
    void isInternal_stateFolderAtAnyDepth(String path) {
        assertThat(IgnoreRules.isInternal(path)).isTrue();
        assertThat(IgnoreRules.none().ignored(path, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".skysyncignore", "a/.skysyncignore", "a/.skysync2/x", "a/x.skysync", "skysync/x"})
    void isInternal_namesThatOnlyLookAlike_areSynced(String path) {
        assertThat(IgnoreRules.isInternal(path)).isFalse();
    }
}
