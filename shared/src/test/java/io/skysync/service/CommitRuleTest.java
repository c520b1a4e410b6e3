package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.CommitEntryDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link CommitRule}, the one conflict rule of plan and commit, as a table: what is sent × what is stored. */
class CommitRuleTest {
    private static final VaultPath PATH = VaultPath.of("a.txt");
    private static final ContentHash X = ContentHash.ofBytes("x".getBytes(StandardCharsets.UTF_8));
    private static final ContentHash Y = ContentHash.ofBytes("y".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static Stream<Arguments> table() {
        ManifestEntry x2 = live(2, X, 1);
        ManifestEntry tomb3 = ManifestEntry.tombstone(PATH, FileVersion.of(3), new DeviceId("laptop"), Seq.of(3), NOW);
        return Stream.of(
                Arguments.of("create, no entry", write(0, X, 1), null, "Write"),
                Arguments.of("create over an entry", write(0, Y, 1), x2, "Conflict"),
                Arguments.of("create of the content already there", write(0, X, 1), x2, "AlreadyCurrent"),
                Arguments.of("update at the stored version", write(2, Y, 1), x2, "Write"),
                Arguments.of("update at the stored version, same content", write(2, X, 1), x2, "AlreadyCurrent"),
                Arguments.of("update over a stale version", write(1, Y, 1), x2, "Conflict"),
                Arguments.of("stale version, same content (a retry, or another device's same change)", write(1, X, 1),
                        x2, "AlreadyCurrent"),
                Arguments.of("same hash, another size (a lying client)", write(1, X, 7), x2, "Conflict"),
                Arguments.of("update of a path with no entry", write(4, X, 1), null, "Conflict"),
                Arguments.of("delete at the stored version", delete(2), x2, "Write"),
                Arguments.of("delete over a stale version", delete(1), x2, "Conflict"),
                Arguments.of("delete of what is deleted", delete(3), tomb3, "AlreadyCurrent"),
                Arguments.of("delete of what is deleted, stale version", delete(1), tomb3, "AlreadyCurrent"),
                Arguments.of("delete of what never existed", delete(0), null, "AlreadyCurrent"),
                Arguments.of("delete of what never existed, any version", delete(5), null, "AlreadyCurrent"),
                Arguments.of("recreate over a tombstone", write(3, X, 1), tomb3, "Write"),
                Arguments.of("recreate ignoring a tombstone", write(0, X, 1), tomb3, "Conflict"),
                Arguments.of("same content, another mtime, at the stored version: a metadata-only version",
                        meta(2, 9L, null), x2, "Write"),
                Arguments.of("same content, the executable bit set, at the stored version", meta(2, null, true), x2, "Write"),
                Arguments.of("same content, another mtime, over a stale version: a conflict (the stale device's bit would clear a newer one)",
                        meta(1, 9L, true), x2, "Conflict"),
                Arguments.of("same content, the stored metadata, over a stale version: a retry", meta(1, x2.mtimeMillis(), null),
                        x2, "AlreadyCurrent"),
                Arguments.of("same content, no metadata sent: nothing changes", meta(2, null, null), x2, "AlreadyCurrent"),
                Arguments.of("a folder where nothing is", folder(0), null, "Write"),
                Arguments.of("a folder where the folder is", folder(0), live(2, Folder.MARK, 0), "AlreadyCurrent"),
                Arguments.of("a folder over the file at the stored version", folder(2), x2, "Write"),
                Arguments.of("a folder over a file it did not see", folder(0), x2, "Conflict"),
                Arguments.of("a folder over its own tombstone", folder(3), tomb3, "Write"));
    }

    private static CommitCommand meta(long base, Long mtime, Boolean executable) {
        return CommitCommand.of(new CommitEntryDto(PATH.value(), base, X.hex(), 1L, mtime, null, null, executable));
    }

    private static CommitCommand folder(long base) {
        return CommitCommand.of(new CommitEntryDto(PATH.value(), base, null, null, null, null, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decide(String why, CommitCommand sent, ManifestEntry stored, String expected) {
        assertThat(CommitRule.decide(sent, stored).getClass().getSimpleName()).isEqualTo(expected);
    }

    private static CommitCommand write(long base, ContentHash hash, long size) {
        return CommitCommand.of(new CommitEntryDto(PATH.value(), base, hash.hex(), size, 1L, null));
    }

    private static CommitCommand delete(long base) {
        return CommitCommand.of(new CommitEntryDto(PATH.value(), base, null, null, null, true));
    }

    private static ManifestEntry live(long version, ContentHash hash, long size) {
        return ManifestEntry.live(PATH, FileVersion.of(version), hash, size, Folder.is(hash) ? 0 : 1, new DeviceId("laptop"),
                Seq.of(version), NOW);
    }
}
