package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.FileVersion;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SortKeysTest {

    @Test
    void file_shortPath_isThePrefixAndThePath() {
        assertThat(SortKeys.file(VaultPath.of("docs/a b#c.txt"))).isEqualTo("file#docs/a b#c.txt");
    }

    @Test
    void file_pathsOfTheMaximumLength_fitTheSortKeyLimitAndStayDistinct() {
        String head = "ü".repeat(500); // 1000 UTF-8 bytes
        VaultPath one = VaultPath.of(head + "/abcdefghijklmnopqrstuvw");
        VaultPath two = VaultPath.of(head + "/abcdefghijklmnopqrstuvx");

        String keyOne = SortKeys.file(one);
        String keyTwo = SortKeys.file(two);

        assertThat(one.value().getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(keyOne.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(keyOne).isNotEqualTo(keyTwo).startsWith("file#üü").contains("\u0001");
        assertThat(keyOne.compareTo(SortKeys.FILE_END)).isNegative();
    }

    @Test
    void history_pathsSharingAPrefix_haveDisjointPrefixes() {
        String a = SortKeys.historyPrefix(VaultPath.of("a"));
        String aHash = SortKeys.history(VaultPath.of("a#1"), FileVersion.of(1));

        assertThat(aHash).doesNotStartWith(a);
        assertThat(SortKeys.history(VaultPath.of("a"), FileVersion.of(2))).startsWith(a).endsWith("#00000000000000000002");
    }

    @Test
    void log_keysSortNumerically() {
        assertThat(SortKeys.log(Seq.of(9)).compareTo(SortKeys.log(Seq.of(10)))).isNegative();
        assertThat(SortKeys.log(Seq.of(Long.MAX_VALUE)).compareTo(SortKeys.LOG_END)).isNegative();
    }
}
