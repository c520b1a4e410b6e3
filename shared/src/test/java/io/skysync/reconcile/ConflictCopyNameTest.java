package io.skysync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConflictCopyNameTest {
    private static final Instant AT = Instant.parse("2026-03-01T23:04:05.999Z");

    @ParameterizedTest
    @CsvSource({
            "notes/report.txt,      laptop,      notes/report.conflict-laptop-20260301-230405.txt",
            "report.txt,            laptop,      report.conflict-laptop-20260301-230405.txt",
            "archive.tar.gz,        laptop,      archive.tar.conflict-laptop-20260301-230405.gz",
            ".bashrc,               laptop,      .bashrc.conflict-laptop-20260301-230405",
            "Makefile,              laptop,      Makefile.conflict-laptop-20260301-230405",
            "a/b.c/noext,           laptop,      a/b.c/noext.conflict-laptop-20260301-230405",
            "x.txt,                 My Laptop/1, x.conflict-My_Laptop_1-20260301-230405.txt",
            "x.txt,                 ü,           x.conflict-_-20260301-230405.txt"})
    void of_fileName_insertsDeviceAndUtcStampBeforeTheExtension(String original, String device, String expected) {
        assertThat(ConflictCopyName.of(VaultPath.of(original), device, AT)).isEqualTo(VaultPath.of(expected));
    }

    @Test
    void of_emptyOrLongDeviceName_isSafeAndShort() {
        assertThat(ConflictCopyName.of(VaultPath.of("f.txt"), "", AT).value())
                .isEqualTo("f.conflict-device-20260301-230405.txt");
        String copy = ConflictCopyName.of(VaultPath.of("f.txt"), "d".repeat(100), AT).value();
        assertThat(copy).isEqualTo("f.conflict-" + "d".repeat(40) + "-20260301-230405.txt");
    }

    @Test
    void of_sameInputs_sameName() {
        VaultPath original = VaultPath.of("dir/file.md");

        assertThat(ConflictCopyName.of(original, "pc", AT)).isEqualTo(ConflictCopyName.of(original, "pc", AT));
        assertThat(ConflictCopyName.of(original, "pc", AT)).isNotEqualTo(ConflictCopyName.of(original, "pc2", AT));
    }

    @Test
    void isConflictCopy_recognizesOnlyConflictCopies() {
        VaultPath copy = ConflictCopyName.of(VaultPath.of("dir/file.md"), "pc", AT);

        assertThat(ConflictCopyName.isConflictCopy(copy)).isTrue();
        assertThat(ConflictCopyName.isConflictCopy(VaultPath.of("dir/file.md"))).isFalse();
        assertThat(ConflictCopyName.isConflictCopy(VaultPath.of("conflict-notes/file.md"))).isFalse();
    }

    @Test
    void of_pathOfAlmost1024Bytes_shortensTheStemSoTheCopyFits() {
        String folder = ("d".repeat(200) + "/").repeat(4);
        VaultPath original = VaultPath.of(folder + "n".repeat(200) + ".txt");

        VaultPath copy = ConflictCopyName.of(original, "laptop", AT);

        assertThat(bytes(copy.value())).isLessThanOrEqualTo(VaultPath.MAX_BYTES);
        assertThat(copy.parent()).isEqualTo(original.parent());
        assertThat(copy.fileName()).endsWith("~.conflict-laptop-20260301-230405.txt").startsWith("nnnn");
        assertThat(ConflictCopyName.isConflictCopy(copy)).isTrue();
    }

    @Test
    void of_nameOf250Bytes_keepsTheCopysNameWithin255Bytes() {
        VaultPath original = VaultPath.of("docs/" + "é".repeat(123) + ".md");

        VaultPath copy = ConflictCopyName.of(original, "pc", AT);

        assertThat(bytes(copy.fileName())).isLessThanOrEqualTo(ConflictCopyName.MAX_NAME_BYTES);
        assertThat(copy.fileName()).startsWith("éé").endsWith("~.conflict-pc-20260301-230405.md");
        assertThat(copy.fileName()).doesNotContain("\ufffd");
    }

    @Test
    void of_longExtension_isShortenedAsPartOfTheName() {
        VaultPath original = VaultPath.of("x." + "e".repeat(250));

        VaultPath copy = ConflictCopyName.of(original, "pc", AT);

        assertThat(bytes(copy.fileName())).isLessThanOrEqualTo(ConflictCopyName.MAX_NAME_BYTES);
        assertThat(copy.fileName()).startsWith("x.eee").endsWith("~.conflict-pc-20260301-230405");
    }

    @Test
    void of_noRoomEvenForTheTag_isRefusedAsAnInvalidPath() {
        VaultPath original = VaultPath.of("d".repeat(1000) + "/f.txt");

        assertThatThrownBy(() -> ConflictCopyName.of(original, "pc", AT))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH))
                .hasMessageContaining("no conflict copy name fits");
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
