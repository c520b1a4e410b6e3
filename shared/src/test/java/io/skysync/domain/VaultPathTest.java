package io.skysync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultPathTest {
    private static final String NFD_E_ACUTE = "e\u0301";
    private static final String NFC_E_ACUTE = "\u00e9";

    @ParameterizedTest
    @ValueSource(strings = {"a", "a.txt", "dir/sub/file.md", ".hidden", "...", "a..b", "name with spaces",
            "#hash?q=%41&x+y", "caf\u00e9/\u65e5\u672c\u8a9e", "emoji \uD83D\uDE00.png", "ab:c", "dir/C:x", "1:x"})
    void of_validPath_accepted(String value) {
        assertThat(VaultPath.of(value).value()).isEqualTo(value);
        assertThat(VaultPath.isValid(value)).isTrue();
    }

    static Stream<Arguments> invalidPaths() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("..", "traversal"),
                Arguments.of("../etc/passwd", "traversal at the start"),
                Arguments.of("a/../../b", "traversal in the middle"),
                Arguments.of("a/..", "traversal at the end"),
                Arguments.of("./a", "dot segment"),
                Arguments.of("a/./b", "dot segment in the middle"),
                Arguments.of("a//b", "empty segment"),
                Arguments.of("a/", "trailing slash"),
                Arguments.of("/etc/passwd", "absolute"),
                Arguments.of("/", "root"),
                Arguments.of("a\\b", "backslash"),
                Arguments.of("..\\..\\x", "backslash traversal"),
                Arguments.of("a\u0000b", "NUL"),
                Arguments.of("a\nb", "newline"),
                Arguments.of("a\tb", "tab"),
                Arguments.of("a\u001fb", "unit separator"),
                Arguments.of("a\u007fb", "DEL"),
                Arguments.of("a\u0085b", "C1 next line"),
                Arguments.of("a\u009fb", "C1 control"),
                Arguments.of("C:/Windows", "drive letter"),
                Arguments.of("c:", "bare drive letter"),
                Arguments.of("C:evil.txt", "drive-relative path"),
                Arguments.of("a:b/c", "drive-relative path, lower case"),
                Arguments.of("caf" + NFD_E_ACUTE, "not NFC"),
                Arguments.of("x".repeat(VaultPath.MAX_BYTES + 1), "1025 bytes"),
                Arguments.of("\u20ac".repeat(342), "1026 bytes of 3-byte characters"),
                Arguments.of("a\uD83Db", "unpaired high surrogate"),
                Arguments.of("a\uDE00b", "unpaired low surrogate"),
                Arguments.of("a\uD83D", "high surrogate at the end"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidPaths")
    void of_invalidPath_refusedWithInvalidPath(String value, String why) {
        assertThatThrownBy(() -> VaultPath.of(value))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH))
                .hasMessageStartingWith("invalid path");
        assertThat(VaultPath.isValid(value)).isFalse();
    }

    @Test
    void of_null_refusedWithInvalidPath() {
        assertThatThrownBy(() -> VaultPath.of(null))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH));
    }

    @Test
    void of_exactly1024Bytes_accepted() {
        String ascii = "x".repeat(VaultPath.MAX_BYTES);
        String multiByte = "\u20ac".repeat(341) + "x"; // 341 * 3 + 1 = 1024

        assertThat(VaultPath.of(ascii).value()).hasSize(1024);
        assertThat(VaultPath.of(multiByte).value().getBytes(StandardCharsets.UTF_8)).hasSize(1024);
    }

    @Test
    void of_utf8LengthAtTheLimit_countsTwoAndFourByteCharactersAsUtf8Does() {
        String twoBytes = "\u00e9".repeat(512); // 1024 bytes
        String fourBytes = "\uD83D\uDE00".repeat(256); // 1024 bytes in 512 chars

        assertThat(VaultPath.isValid(twoBytes)).isTrue();
        assertThat(VaultPath.isValid(twoBytes + "x")).isFalse();
        assertThat(VaultPath.isValid(fourBytes)).isTrue();
        assertThatThrownBy(() -> VaultPath.of(fourBytes + "x")).hasMessageContaining("longer than 1024 UTF-8 bytes");
        assertThatThrownBy(() -> VaultPath.of("x".repeat(1023) + "\u00e9")).hasMessageContaining("longer than 1024");
    }

    @Test
    void of_segmentsChecked_inPlace() {
        assertThat(VaultPath.isValid("a/.b/..c/b.")).isTrue();
        assertThat(VaultPath.isValid("a/./b")).isFalse();
        assertThat(VaultPath.isValid("a/..")).isFalse();
        assertThat(VaultPath.isValid("a//b")).isFalse();
        assertThat(VaultPath.isValid("a/")).isFalse();
        assertThat(VaultPath.isValid("C:")).isFalse();
        assertThat(VaultPath.isValid("c:x/y")).isFalse();
        assertThat(VaultPath.isValid("x/C:")).isTrue();
        assertThat(VaultPath.isValid("1:")).isTrue();
    }

    @Test
    void of_controlCharacter_messageShowsItEscaped() {
        assertThatThrownBy(() -> VaultPath.of("bad\u0001name"))
                .hasMessageContaining("\\u0001").hasMessageContaining("control character");
    }

    @Test
    void normalized_nfdFromMacDisk_becomesNfc() {
        VaultPath path = VaultPath.normalized("caf" + NFD_E_ACUTE + "/r" + NFD_E_ACUTE + "sum" + NFD_E_ACUTE + ".txt");

        assertThat(path.value()).isEqualTo("caf" + NFC_E_ACUTE + "/r" + NFC_E_ACUTE + "sum" + NFC_E_ACUTE + ".txt");
        assertThat(path).isEqualTo(VaultPath.of("caf" + NFC_E_ACUTE + "/r" + NFC_E_ACUTE + "sum" + NFC_E_ACUTE + ".txt"));
    }

    @Test
    void normalized_stillRefusesTraversal() {
        assertThatThrownBy(() -> VaultPath.normalized("a/../b")).isInstanceOf(SkysyncException.class);
        assertThatThrownBy(() -> VaultPath.normalized(null)).isInstanceOf(SkysyncException.class);
    }

    @Test
    void caseFoldKey_pathsDifferingOnlyByCase_shareTheKey() {
        assertThat(VaultPath.of("Docs/ReadMe.MD").caseFoldKey()).isEqualTo(VaultPath.of("docs/readme.md").caseFoldKey());
        assertThat(VaultPath.of("stra\u00dfe").caseFoldKey()).isEqualTo(VaultPath.of("STRASSE").caseFoldKey());
        assertThat(VaultPath.of("\u00c9t\u00e9").caseFoldKey()).isEqualTo(VaultPath.of("\u00e9T\u00c9").caseFoldKey());
        assertThat(VaultPath.of("a/b").caseFoldKey()).isNotEqualTo(VaultPath.of("a/c").caseFoldKey());
    }

    @Test
    void caseFoldKey_isNotTheIdentity_pathsStayDistinct() {
        assertThat(VaultPath.of("README.md")).isNotEqualTo(VaultPath.of("readme.md"));
    }

    @Test
    void fileNameAndParent_splitAtTheLastSlash() {
        VaultPath nested = VaultPath.of("a/b/c.txt");
        VaultPath top = VaultPath.of("c.txt");

        assertThat(nested.fileName()).isEqualTo("c.txt");
        assertThat(nested.parent()).isEqualTo("a/b");
        assertThat(top.fileName()).isEqualTo("c.txt");
        assertThat(top.parent()).isEmpty();
        assertThat(nested.withFileName("d.txt")).isEqualTo(VaultPath.of("a/b/d.txt"));
        assertThat(top.withFileName("d.txt")).isEqualTo(VaultPath.of("d.txt"));
    }

    @Test
    void withFileName_slashOrTraversal_refused() {
        assertThatThrownBy(() -> VaultPath.of("a/b").withFileName("..")).isInstanceOf(SkysyncException.class);
    }

    @Test
    void compareTo_ordersByString() {
        assertThat(VaultPath.of("a/b")).isLessThan(VaultPath.of("b")).isGreaterThan(VaultPath.of("a"));
        assertThat(VaultPath.of("x").toString()).isEqualTo("x");
    }
}
