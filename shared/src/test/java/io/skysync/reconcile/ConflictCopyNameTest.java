package io.skysync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.VaultPath;
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
}
