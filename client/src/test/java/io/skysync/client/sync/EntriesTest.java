package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.EntryDto;
import io.skysync.domain.ContentHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntriesTest {
    @Test
    void parse_validEntry_isRead_invalidOnesAreRefusedAndSaidPrintably() {
        List<String> refused = new ArrayList<>();
        String hash = ContentHash.ofBytes(new byte[] {1}).hex();

        assertThat(Entries.parse(new EntryDto("a", 1, hash, 1, 1, false, "d", 1, "2026-01-01T00:00:00Z"), refused)).isNotNull();
        assertThat(Entries.parse(new EntryDto("evil\u0007\n" + "x".repeat(100), 1, hash, 1, 1, false, "d", 1,
                "2026-01-01T00:00:00Z"), refused)).isNull();
        assertThat(Entries.parse(new EntryDto("t", 0, hash, 1, 1, false, "d", 1, "2026-01-01T00:00:00Z"), refused)).isNull();
        assertThat(Entries.parse(new EntryDto("t", 1, hash, 1, 1, true, "d", 1, "2026-01-01T00:00:00Z"), refused)).isNull();
        assertThat(Entries.parse(null, refused)).isNull();

        assertThat(refused).hasSize(4);
        assertThat(refused.get(0)).startsWith("refused remote path \"evil??xxx").contains("...").doesNotContain("\n");
        assertThat(Entries.printable(null)).isEqualTo("(none)");
    }
}
