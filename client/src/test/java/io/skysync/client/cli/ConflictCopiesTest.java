package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.LocalStat;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictCopyName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictCopiesTest {
    private static final Instant AT = Instant.parse("2026-03-01T23:04:05Z");

    private static IndexRow present(String path) {
        return IndexRow.scanned(VaultPath.of(path), path, new LocalStat(1, 1, "k", ContentHash.EMPTY));
    }

    @Test
    void in_findsCopiesPresentHere_withTheirOriginalDeviceAndTime_sorted() {
        VaultPath copy = ConflictCopyName.of(VaultPath.of("d/n.txt"), "desk", AT);
        VaultPath other = ConflictCopyName.of(VaultPath.of("a.md"), "my laptop", AT);
        IndexRow gone = present(ConflictCopyName.of(VaultPath.of("z.txt"), "desk", AT).value()).withoutLocal();

        List<ConflictCopies.Copy> copies = ConflictCopies.in(List.of(present(copy.value()), present("d/n.txt"),
                present(other.value()), gone));

        assertThat(copies).extracting(c -> c.copy().value()).containsExactly(other.value(), copy.value());
        assertThat(copies.get(1).original()).isEqualTo(VaultPath.of("d/n.txt"));
        assertThat(copies.get(1).device()).isEqualTo("desk");
        assertThat(copies.get(1).stamp()).isEqualTo("20260301-230405");
        assertThat(copies.get(0).device()).isEqualTo("my_laptop");
    }

    @Test
    void parse_copyOfACopy_belongsToTheCopyBefore() {
        VaultPath first = ConflictCopyName.of(VaultPath.of("n.txt"), "a", AT);
        VaultPath second = ConflictCopyName.of(first, "b", AT.plusSeconds(60));

        assertThat(ConflictCopies.parse(second)).hasValueSatisfying(c -> {
            assertThat(c.original()).isEqualTo(first);
            assertThat(c.device()).isEqualTo("b");
        });
        assertThat(ConflictCopies.parse(VaultPath.of("plain.txt"))).isEmpty();
    }

    @Test
    void in_copyWithAShortenedName_isPairedWithTheOneOriginalItCanOnlyBe() {
        String folder = ("d".repeat(200) + "/").repeat(4);
        VaultPath original = VaultPath.of(folder + "n".repeat(200) + ".txt");
        VaultPath copy = ConflictCopyName.of(original, "desk", AT);
        VaultPath lookalike = VaultPath.of(folder + "n".repeat(10) + ".md");

        List<ConflictCopies.Copy> copies = ConflictCopies.in(List.of(present(original.value()), present(copy.value()),
                present(lookalike.value())));

        assertThat(copy.fileName()).contains("~.conflict-");
        assertThat(copies).singleElement().satisfies(c -> assertThat(c.original()).isEqualTo(original));
    }

    @Test
    void in_copyWithAShortenedNameAndNoSingleOriginal_isLeftUnpaired() {
        String folder = ("d".repeat(200) + "/").repeat(4);
        VaultPath copy = ConflictCopyName.of(VaultPath.of(folder + "n".repeat(200) + ".txt"), "desk", AT);

        assertThat(ConflictCopies.in(List.of(present(copy.value())))).isEmpty();
    }
}
