package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;

/**
 * Fuzzes the RowKey encoding with the properties {@link RowKeys} documents: {@code decode} inverts
 * {@code encode}; an encoding holds no character Azure Table forbids in a key (nor {@code %},
 * {@code '} or the space that ends a path inside a key); encoding keeps UTF-16 order and
 * prefixes; {@code decode} accepts only what {@code encode} produces. For valid vault paths, the
 * keys fit Azure's 512 characters and one path's history prefix never starts another path's key.
 *
 * <p>Seeds: {@code src/test/resources/io/skysync/azure/RowKeysFuzzTestInputs/}. In a normal build
 * this runs the seeds only; see docs/reliability.md for fuzzing runs.
 */
class RowKeysFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void encode_anyTwoTexts_roundTripsKeepsOrderAndPrefixes(FuzzedDataProvider data) {
        String a = data.consumeString(600);
        String b = data.consumeRemainingAsString();

        String encodedA = RowKeys.encode(a);
        assertThat(RowKeys.decode(encodedA)).isEqualTo(a);
        assertThat(encodedA.chars()).noneMatch(c -> forbidden((char) (int) c) || c == '%' || c == '\'' || c == ' ');
        assertThat(Integer.signum(encodedA.compareTo(RowKeys.encode(b)))).isEqualTo(Integer.signum(a.compareTo(b)));
        assertThat(RowKeys.encode(a + b)).startsWith(encodedA);
        assertDecodeIsStrict(b);
        if (VaultPath.isValid(a) && VaultPath.isValid(b)) {
            assertKeysOfPaths(VaultPath.of(a), VaultPath.of(b));
        }
    }

    /** Any text that decodes was produced by {@code encode}: one spelling per key, so no two keys alias. */
    private static void assertDecodeIsStrict(String text) {
        String decoded;
        try {
            decoded = RowKeys.decode(text);
        } catch (IllegalArgumentException refused) {
            // The documented refusal; any other exception fails the fuzz test.
            return;
        }
        assertThat(RowKeys.encode(decoded)).isEqualTo(text);
    }

    private static void assertKeysOfPaths(VaultPath a, VaultPath b) {
        String newestHistoryKey = RowKeys.history(a, FileVersion.of(Long.MAX_VALUE - 1));
        assertThat(newestHistoryKey.length()).isLessThanOrEqualTo(512);
        assertThat(RowKeys.file(a).length()).isLessThanOrEqualTo(512);
        assertThat(newestHistoryKey.chars()).noneMatch(c -> forbidden((char) (int) c));
        if (RowKeys.encode(a.value()).length() <= RowKeys.MAX_INLINE_PATH) {
            assertThat(RowKeys.decode(RowKeys.pathKey(a))).isEqualTo(a.value());
        }
        assertThat(RowKeys.history(b, FileVersion.of(3)).startsWith(RowKeys.historyPrefix(a))).isEqualTo(a.equals(b));
        assertThat(RowKeys.pathKey(a).equals(RowKeys.pathKey(b))).isEqualTo(a.equals(b));
        if (a.compareTo(b) < 0) {
            assertThat(RowKeys.group(RowKeys.pathKey(a)).compareTo(RowKeys.group(RowKeys.pathKey(b)))).isLessThanOrEqualTo(0);
        }
    }

    /** What Azure Table refuses in a key: {@code / \ # ?} and the control characters. */
    private static boolean forbidden(char c) {
        return c == '/' || c == '\\' || c == '#' || c == '?' || c <= 0x1F || (c >= 0x7F && c <= 0x9F);
    }
}
