package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matcher of one {@code .skysyncignore} pattern: its rules by example, and against a regular-expression oracle. */
class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a.txt          | a.txt            | true
            a.txt          | b.txt            | false
            *.log          | build.log        | true
            *.log          | logs/build.log   | false
            *.log          | .log             | true
            ?.md           | a.md             | true
            ?.md           | ab.md            | false
            a?b            | a/b              | false
            a*b            | a/b              | false
            [abc].txt      | b.txt            | true
            [abc].txt      | d.txt            | false
            [a-c]x         | bx               | true
            [!a-c]x        | dx               | true
            [!a-c]x        | ax               | false
            [^a-c]x        | ax               | false
            [!a]           | /                | false
            []]            | ]                | true
            [a             | [a               | true
            \\*            | *                | true
            \\*            | x                | false
            **/cache       | cache            | true
            **/cache       | a/b/cache        | true
            **/cache       | a/bcache         | false
            build/**       | build/a/b.o      | true
            build/**       | build            | false
            build/**       | builds/a         | false
            a/**/b         | a/b              | true
            a/**/b         | a/x/y/b          | true
            a/**/b         | a/xb             | false
            x**y           | xaay             | true
            x**y           | xa/y             | false
            """)
    void matches_followsTheDocumentedRules(String pattern, String path, boolean expected) {
        assertThat(Glob.compile(pattern).matches(path)).isEqualTo(expected);
    }

    @Test
    void compile_backwardsRangeOrTrailingEscape_isRefusedWithTheReason() {
        assertThatThrownBy(() -> Glob.compile("[z-a]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backwards");
        assertThatThrownBy(() -> Glob.compile("abc\\")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone \\");
    }

    @Test
    @Timeout(30) // not a speed target: a backtracking regression would hang the build instead of failing
    void matches_hostilePattern_staysLinear() {
        // A backtracking matcher takes exponential steps here; the NFA reads the path once.
        String path = "a".repeat(5_000);
        assertThat(Glob.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(path)).isFalse();
        assertThat(Glob.compile("**/**/**/**/**/**/**/**/x").matches(path.replace("aa", "a/"))).isFalse();
    }

    @Test
    void matches_randomPatternsAndPaths_agreeWithARegularExpressionOracle() {
        String[] pieces = {"a", "b", "/", "*", "?", "[ab]", "[!a]", "**/", "**"};
        String[] chars = {"a", "b", "c", "/"};
        Random random = new Random(20261201);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder pattern = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                pattern.append(pieces[random.nextInt(pieces.length)]);
            }
            StringBuilder path = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                path.append(chars[random.nextInt(chars.length)]);
            }
            String glob = pattern.toString();
            assertThat(Glob.compile(glob).matches(path.toString())).as("%s ~ %s", glob, path)
                    .isEqualTo(oracle(glob).matcher(path).matches());
        }
    }

    /** The same rules as a backtracking regular expression, fine for the short strings above. */
    private static Pattern oracle(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            if (glob.startsWith("**/", i) && segmentStart) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i) && segmentStart && i + 2 == glob.length()) {
                regex.append(".*");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                regex.append("[^/]*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else if (glob.charAt(i) == '?') {
                regex.append("[^/]");
                i++;
            } else if (glob.startsWith("[!a]", i)) {
                regex.append("[^/a]");
                i += 4;
            } else if (glob.startsWith("[ab]", i)) {
                regex.append("[ab]");
                i += 4;
            } else {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
