package io.skysync.infra.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The corpus itself: big enough, every answer a documented 4xx, and docs/reliability.md listing
 * exactly these cases. Run with {@code -Dreliability.writeDoc=true} to rewrite that table from the
 * code after changing the corpus.
 */
class HostileCorpusTest {
    static final String BEGIN = "<!-- hostile-corpus:begin (generated from HostileCorpus; see HostileCorpusTest) -->";
    static final String END = "<!-- hostile-corpus:end -->";
    private static final Path DOC = Path.of("..", "docs", "reliability.md");

    @Test
    void cases_atLeastFiftyWithUniqueNames() {
        assertThat(HostileCorpus.cases()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(HostileCorpus.duplicateNames()).isEmpty();
    }

    @Test
    void cases_expectA4xxWhoseCodeCarriesThatStatus() {
        assertThat(HostileCorpus.cases()).allSatisfy(c -> {
            assertThat(c.expectedStatus()).as(c.name()).isBetween(400, 499);
            ErrorCode code = ErrorCode.fromWireName(c.expectedCode());
            assertThat(code.wireName()).as(c.name()).isEqualTo(c.expectedCode());
            assertThat(code.status()).as(c.name()).isEqualTo(c.expectedStatus());
        });
    }

    @Test
    void reliabilityDoc_listsExactlyTheCorpus() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("%s holds the markers %s and %s", DOC, BEGIN, END).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = BEGIN + "\n" + table(HostileCorpus.cases()) + END;
        String actual = doc.substring(begin, end + END.length());
        if (Boolean.getBoolean("reliability.writeDoc") && !actual.equals(expected)) {
            Files.writeString(DOC, doc.substring(0, begin) + expected + doc.substring(end + END.length()), StandardCharsets.UTF_8);
            actual = expected;
        }

        assertThat(actual).as("the corpus table in docs/reliability.md; rewrite it with "
                + "mvn -pl infra test -Dtest=HostileCorpusTest -Dreliability.writeDoc=true").isEqualTo(expected);
    }

    static String table(List<HostileCase> cases) {
        StringBuilder out = new StringBuilder("| # | request | answer |\n|---:|---|---|\n");
        int n = 0;
        for (HostileCase c : cases) {
            out.append("| ").append(++n).append(" | ").append(markdown(c.name())).append(" | ")
                    .append(c.expectedStatus()).append(" `").append(c.expectedCode()).append("` |\n");
        }
        return out.toString();
    }

    private static String markdown(String text) {
        return text.chars().mapToObj(c -> switch (c) {
            case '|' -> "\\|";
            case '\\' -> "\\\\";
            case '<' -> "&lt;";
            case '*', '_', '`' -> "\\" + (char) c;
            default -> String.valueOf((char) c);
        }).collect(Collectors.joining());
    }
}
