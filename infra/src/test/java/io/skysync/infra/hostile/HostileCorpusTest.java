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
    /** POST /v1/pair answers 429 after 5 attempts per vault in a 10-minute window (docs/api.md). */
    private static final int PAIRING_ATTEMPTS_PER_WINDOW = 5;

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
    void cases_allowedWritesOnlyForRefusedPairingAttempts() {
        assertThat(HostileCorpus.cases()).filteredOn(c -> !c.allowedWrites().isEmpty()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path()).as(c.name()).isEqualTo(HostileCorpus.PAIR);
            assertThat(c.expectedStatus()).as(c.name()).isEqualTo(401);
            assertThat(c.allowedWrites()).as(c.name())
                    .allMatch(prefix -> prefix.endsWith("/" + HostileCase.PAIRING_ATTEMPTS_ROW));
        });
    }

    /** Even if every attempt of a run fell in one window, none would meet the lock instead of its own answer. */
    @Test
    void pairingAttemptsPerVault_stayUnderTheLock() {
        assertThat(HostileCorpus.pairingAttemptsPerVault()).isNotEmpty()
                .allSatisfy((vault, attempts) -> assertThat(attempts).as(vault).isLessThanOrEqualTo(PAIRING_ATTEMPTS_PER_WINDOW));
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
                    .append(c.expectedStatus()).append(" `").append(c.expectedCode()).append('`');
            for (String allowed : c.allowedWrites()) {
                out.append("; writes only `").append(allowed).append("…`");
            }
            out.append(" |\n");
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
