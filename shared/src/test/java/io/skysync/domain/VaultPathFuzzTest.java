package io.skysync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;

/**
 * Fuzzes path validation, the one gate between a path from the wire and a file on disk. Whatever
 * the text, {@link VaultPath} either refuses it with {@code invalid_path} (and nothing else), or
 * accepts a path that is NFC, relative, free of control characters, backslashes, drive letters and
 * dot segments, at most 1024 UTF-8 bytes, and that stays inside any root it is joined to.
 *
 * <p>Seeds: {@code src/test/resources/io/skysync/domain/VaultPathFuzzTestInputs/}. In a normal
 * build this runs the seeds only; see docs/reliability.md for fuzzing runs.
 */
class VaultPathFuzzTest {
    /** Joined lexically only: nothing touches the disk. */
    private static final Path ROOT = Path.of("/sync/root");

    @FuzzTest(maxDuration = "10s")
    void of_anyText_refusesWithInvalidPathOrAcceptsOnlySafePaths(FuzzedDataProvider data) {
        boolean fromDisk = data.consumeBoolean();
        String raw = data.consumeRemainingAsString();
        VaultPath path;
        try {
            path = fromDisk ? VaultPath.normalized(raw) : VaultPath.of(raw);
        } catch (SkysyncException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_PATH);
            assertThat(e.getMessage()).startsWith("invalid path ");
            if (!fromDisk) {
                assertThat(VaultPath.isValid(raw)).isFalse();
            }
            return;
        }
        String value = path.value();
        assertThat(value).isEqualTo(fromDisk ? Normalizer.normalize(raw, Normalizer.Form.NFC) : raw);
        assertSafe(value);
        assertThat(VaultPath.isValid(value)).isTrue();
        // The helpers never produce an invalid path from a valid one.
        assertThat(path.withFileName(path.fileName())).isEqualTo(path);
        if (!path.parent().isEmpty()) {
            assertThat(VaultPath.isValid(path.parent())).isTrue();
        }
        assertThat(path.caseFoldKey()).isNotNull();
    }

    private static void assertSafe(String value) {
        assertThat(Normalizer.isNormalized(value, Normalizer.Form.NFC)).isTrue();
        assertThat(value.getBytes(StandardCharsets.UTF_8).length).isBetween(1, VaultPath.MAX_BYTES);
        assertThat(value.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\');
        assertThat(value).doesNotStartWith("/");
        for (String segment : value.split("/", -1)) {
            assertThat(segment).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
        }
        assertThat(value).doesNotMatch("(?s)[A-Za-z]:.*");
        Path joined = ROOT.resolve(value);
        assertThat(joined.normalize()).isEqualTo(joined);
        assertThat(joined.normalize().startsWith(ROOT)).isTrue();
        assertThat(joined).isNotEqualTo(ROOT);
    }
}
