package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RowKeysTest {
    /** What Azure Table refuses in a key: {@code / \ # ?} and the control characters. */
    private static boolean forbidden(char c) {
        return c == '/' || c == '\\' || c == '#' || c == '?' || c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }

    @Property(tries = 2000)
    void encode_anyText_roundTripsAndHoldsNoForbiddenCharacter(@ForAll @StringLength(max = 60) String raw) {
        String encoded = RowKeys.encode(raw);

        assertThat(RowKeys.decode(encoded)).isEqualTo(raw);
        assertThat(encoded.chars()).noneMatch(c -> forbidden((char) (int) c) || c == '%' || c == '\'' || c == ' ');
    }

    @Property(tries = 2000)
    void encode_twoStrings_keepsTheirUtf16Order(@ForAll("keyText") String a, @ForAll("keyText") String b) {
        assertThat(Integer.signum(RowKeys.encode(a).compareTo(RowKeys.encode(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property(tries = 1000)
    void encode_prefix_isAPrefixOfTheEncoding(@ForAll("keyText") String prefix, @ForAll("keyText") String rest) {
        assertThat(RowKeys.encode(prefix + rest)).startsWith(RowKeys.encode(prefix));
    }

    @Property(tries = 1000)
    void pathKey_validPaths_roundTripsAndKeepsPathOrder(@ForAll("paths") VaultPath a, @ForAll("paths") VaultPath b) {
        assertThat(RowKeys.decode(RowKeys.pathKey(a))).isEqualTo(a.value());
        assertThat(Integer.signum(RowKeys.file(a).compareTo(RowKeys.file(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
    }

    @Property(tries = 500)
    void historyPrefix_ofOnePath_isNeverAPrefixOfAnotherPathsKeys(@ForAll("paths") VaultPath a, @ForAll("paths") VaultPath b) {
        String rowOfB = RowKeys.history(b, FileVersion.of(3));

        assertThat(rowOfB.startsWith(RowKeys.historyPrefix(a))).isEqualTo(a.equals(b));
    }

    @Property(tries = 300)
    void pathKey_longPaths_fitAKeyAndStayInGroupOrder(@ForAll("longPaths") VaultPath a, @ForAll("longPaths") VaultPath b) {
        String keyA = RowKeys.history(a, FileVersion.of(Long.MAX_VALUE - 1));

        assertThat(keyA.length()).as("Azure and Azurite keep at most 512 UTF-16 characters").isLessThanOrEqualTo(512);
        if (a.compareTo(b) < 0) {
            assertThat(RowKeys.group(RowKeys.pathKey(a)).compareTo(RowKeys.group(RowKeys.pathKey(b)))).isLessThanOrEqualTo(0);
        }
        assertThat(RowKeys.pathKey(a).equals(RowKeys.pathKey(b))).isEqualTo(a.equals(b));
    }

    @Test
    void keys_designSortKeys_haveTheirEscapedForm() {
        assertThat(RowKeys.META).isEqualTo("meta");
        assertThat(RowKeys.file(VaultPath.of("docs/a b#1.txt"))).isEqualTo("file$00docs.01a!20b$001.00txt");
        assertThat(RowKeys.log(Seq.of(42))).isEqualTo("log$000000000000000000042");
        assertThat(RowKeys.device(new DeviceId("laptop-1"))).isEqualTo("device$00laptop-1");
        assertThat(RowKeys.history(VaultPath.of("a"), FileVersion.of(1))).isEqualTo("hist$00a " + (Long.MAX_VALUE - 1));
        assertThat(RowKeys.versionOfHistoryKey(RowKeys.history(VaultPath.of("a"), FileVersion.of(7)))).isEqualTo(7);
    }

    @Test
    void history_newerVersion_sortsFirst() {
        VaultPath p = VaultPath.of("x");

        assertThat(RowKeys.history(p, FileVersion.of(10))).isLessThan(RowKeys.history(p, FileVersion.of(9)));
    }

    @Test
    void decode_textEncodeCannotProduce_isRefused() {
        assertThatThrownBy(() -> RowKeys.decode("a$")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.decode("a$0G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.decode("a$05")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.decode("a%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixEnd_isJustAboveEveryKeyWithThePrefix() {
        String prefix = RowKeys.FILE_PREFIX;

        assertThat(RowKeys.prefixEnd(prefix)).isGreaterThan(RowKeys.file(VaultPath.of("\uFFFD".repeat(100))));
        assertThat(RowKeys.prefixEnd(prefix)).isEqualTo("file$01");
        assertThat(RowKeys.prefixEnd(RowKeys.historyPrefix(VaultPath.of("a")))).isEqualTo("hist$00a!");
    }

    @Provide
    Arbitrary<String> keyText() {
        // Weighted toward the escaped characters and their neighbours, where order could break.
        Arbitrary<Character> tricky = Arbitraries.of('!', '"', '#', '$', '%', '&', '\'', '(', '-', '.', '/', '0',
                '=', '>', '?', '@', 'Z', '[', '\\', ']', '}', '~', '\u007f', '\u0080', '\u009f', '\u00a0', ' ', '\t', '\u0000');
        Arbitrary<Character> any = Arbitraries.chars().range('\u0000', '\uD7FF');
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, tricky), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(12)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }

    @Provide
    Arbitrary<VaultPath> paths() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("ab#?%/ .-'~$!")
                .withCharRange('0', '2')
                .withChars('é', 'ß', '日')
                .ofMinLength(1).ofMaxLength(6);
        return Combinators.combine(segment.list().ofMinSize(1).ofMaxSize(4), Arbitraries.just(""))
                .as((segments, unused) -> String.join("/", segments))
                .filter(VaultPath::isValid)
                .map(VaultPath::of);
    }

    @Provide
    Arbitrary<VaultPath> longPaths() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ab#?% ").ofMinLength(1).ofMaxLength(30);
        // A long shared head, so many pairs fall into one group and the hash part decides.
        return segment.list().ofMinSize(25).ofMaxSize(60)
                .map(segments -> "h".repeat(380) + "/" + String.join("/", segments))
                .filter(VaultPath::isValid)
                .map(VaultPath::of);
    }

    @Property(tries = 200)
    void encode_supplementaryCharacters_passThroughUnchanged(@ForAll @CharRange(from = '\uD800', to = '\uDBFF') char high,
                                                             @ForAll @CharRange(from = '\uDC00', to = '\uDFFF') char low) {
        String pair = new String(new char[] {high, low});

        assertThat(RowKeys.encode("a" + pair)).isEqualTo("a" + pair);
    }
}
