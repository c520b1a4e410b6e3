package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import org.junit.jupiter.api.Test;

/** The history table's content column: the whole file's short hash, a chunked version marked as such. */
class HistoryCommandTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void content_ofAChunkedVersion_isTheWholeFilesHash_markedChunked() {
        EntryDto chunked = new EntryDto("big.bin", 2, HASH, 40L << 20, 1, false, "d", 2, "2026-01-01T00:00:00Z", "cd".repeat(32),
                null, null);

        assertThat(HistoryCommand.content(chunked)).isEqualTo("abababababab (chunked)");
    }

    @Test
    void content_ofAWholeFileAndOfADeletion() {
        EntryDto whole = new EntryDto("a.txt", 1, HASH, 3, 1, false, "d", 1, "2026-01-01T00:00:00Z");
        EntryDto deleted = new EntryDto("a.txt", 2, null, 0, 1, true, "d", 2, "2026-01-01T00:00:00Z");

        assertThat(HistoryCommand.content(whole)).isEqualTo("abababababab");
        assertThat(HistoryCommand.content(deleted)).isEqualTo("(deleted)");
    }
}
