package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreRulesTest {
    private static final IgnoreRules RULES = IgnoreRules.parse(List.of(
            "# comment", "", "*.log", "!keep.log", "build/", "/top-only.txt", "docs/**/draft-*", "a?c.txt", "[Tt]emp*"));

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
            ".skysync/index.db, true",
            "dir/.skysync-tmp-abc-1, true",
            "notes.txt, false"
    })
    void ignored_gitignoreSyntax(String path, boolean expected) {
        assertThat(RULES.ignored(path, false)).isEqualTo(expected);
    }
}
