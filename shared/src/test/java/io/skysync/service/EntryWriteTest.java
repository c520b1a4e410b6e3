package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryWriteTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void checkBatch_consecutiveSeqsDistinctPaths_passes() {
        assertThatCode(() -> EntryWrite.checkBatch(Seq.of(4), List.of(write("a", 5), write("b", 6)), 2))
                .doesNotThrowAnyException();
    }

    @Test
    void checkBatch_emptyOrOverTheLimit_isRefusedNamingTheLimit() {
        assertThatThrownBy(() -> EntryWrite.checkBatch(Seq.ZERO, List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a commit holds 1 to 2 writes, got 0");
        assertThatThrownBy(() -> EntryWrite.checkBatch(Seq.ZERO, List.of(write("a", 1), write("b", 2), write("c", 3)), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a commit holds 1 to 2 writes, got 3");
    }

    @Test
    void checkBatch_samePathTwice_isRefused() {
        assertThatThrownBy(() -> EntryWrite.checkBatch(Seq.ZERO, List.of(write("a", 1), write("a", 2)), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the path a appears twice in one commit");
    }

    @Test
    void checkBatch_seqGapOrWrongStart_isRefusedNamingTheWrite() {
        assertThatThrownBy(() -> EntryWrite.checkBatch(Seq.ZERO, List.of(write("a", 1), write("b", 3)), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("write 1 has seq");
        assertThatThrownBy(() -> EntryWrite.checkBatch(Seq.of(7), List.of(write("a", 7)), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("write 0 has seq");
    }

    @Test
    void checkBatch_nullExpectedSeq_isRefused() {
        assertThatThrownBy(() -> EntryWrite.checkBatch(null, List.of(write("a", 1)), 10))
                .isInstanceOf(NullPointerException.class);
    }

    private static EntryWrite write(String path, long seq) {
        ManifestEntry entry = ManifestEntry.live(VaultPath.of(path), FileVersion.of(1),
                ContentHash.ofBytes(path.getBytes(StandardCharsets.UTF_8)), 1, 0, new DeviceId("dev"), Seq.of(seq), T0);
        return new EntryWrite(FileVersion.of(0), entry);
    }
}
