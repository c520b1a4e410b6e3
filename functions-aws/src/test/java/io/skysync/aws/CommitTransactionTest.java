package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

class CommitTransactionTest {
    private static final VaultId VAULT = new VaultId("v");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final Map<VaultPath, ManifestEntry> READ = Map.of(
            VaultPath.of("b"), entry("b", 3, 7), VaultPath.of("c"), entry("c", 1, 2));

    private final CommitTransaction threeWrites = new CommitTransaction("t", VAULT, List.of(
            write("a", 0, 11), write("b", 3, 12), write("c", 1, 13)), READ);

    @Test
    void items_threeWrites_metaThenEntriesThenLogThenTheReplacedVersionsAsHistory() {
        List<TransactWriteItem> items = threeWrites.items(Seq.of(10));

        assertThat(items).hasSize(7);
        assertThat(items.get(0).update().key().get("sk").s()).isEqualTo("meta");
        assertThat(items.get(0).update().conditionExpression()).isEqualTo("attribute_exists(pk) AND #seq = :expected");
        assertThat(items.get(0).update().expressionAttributeValues().get(":expected").n()).isEqualTo("10");
        assertThat(items.get(0).update().expressionAttributeValues().get(":last").n()).isEqualTo("13");
        assertThat(items.subList(1, 4)).extracting(i -> i.put().item().get("sk").s())
                .containsExactly("file#a", "file#b", "file#c");
        assertThat(items.get(1).put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(items.get(2).put().conditionExpression()).isEqualTo("#version = :expected");
        assertThat(items.get(2).put().expressionAttributeValues().get(":expected").n()).isEqualTo("3");
        assertThat(items.get(4).put().item().get("sk").s()).isEqualTo("log#00000000000000000013");
        assertThat(items.get(4).put().item().get("entries").l()).hasSize(3);
        assertThat(items.subList(5, 7)).extracting(i -> i.put().item().get("sk").s()).containsExactly(
                SortKeys.history(VaultPath.of("b"), FileVersion.of(3)), SortKeys.history(VaultPath.of("c"), FileVersion.of(1)));
        assertThat(items.subList(5, 7)).extracting(i -> ItemCodec.entry(i.put().item()))
                .containsExactly(READ.get(VaultPath.of("b")), READ.get(VaultPath.of("c")));
        assertThat(items.subList(5, 7)).allSatisfy(i -> assertThat(i.put().item().get("kind").s()).isEqualTo("hist"));
    }

    @Test
    void constructor_aReplacementWhoseVersionTheReadDoesNotHold_isRefused() {
        Map<VaultPath, ManifestEntry> older = Map.of(VaultPath.of("b"), entry("b", 2, 7));

        assertThatThrownBy(() -> new CommitTransaction("t", VAULT, List.of(write("b", 3, 1)), older))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> new CommitTransaction("t", VAULT, List.of(write("b", 3, 1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitting_newPathsTakeOneItemAndReplacementsTwo() {
        List<EntryWrite> fresh = new ArrayList<>();
        List<EntryWrite> replacements = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            fresh.add(write("n" + i, 0, i + 1));
            replacements.add(write("r" + i, 4, i + 1));
        }
        List<EntryWrite> mixed = new ArrayList<>(replacements.subList(0, 30));
        mixed.addAll(fresh.subList(30, 100));

        assertThat(CommitTransaction.fitting(fresh)).isEqualTo(98);
        assertThat(CommitTransaction.fitting(replacements)).isEqualTo(49);
        assertThat(CommitTransaction.fitting(mixed)).isEqualTo(30 + 38);
        assertThat(CommitTransaction.fitting(fresh.subList(0, 5))).isEqualTo(5);
    }

    @Test
    void items_seqsNotFollowingTheExpectedSeq_areRefused() {
        assertThatThrownBy(() -> threeWrites.items(Seq.of(9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq");
    }

    @Test
    void constructor_moreWritesThanFitOneTransaction_isRefused() {
        List<EntryWrite> fresh = new ArrayList<>();
        Map<VaultPath, ManifestEntry> read = new HashMap<>();
        List<EntryWrite> replacements = new ArrayList<>();
        for (int i = 0; i < CommitTransaction.MAX_WRITES + 1; i++) {
            fresh.add(write("f" + i, 0, i + 1));
            replacements.add(write("r" + i, 1, i + 1));
            read.put(VaultPath.of("r" + i), entry("r" + i, 1, 1));
        }

        assertThatThrownBy(() -> new CommitTransaction("t", VAULT, fresh, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CommitTransaction("t", VAULT, fresh.subList(0, 98), Map.of()).items(Seq.ZERO)).hasSize(100);
        assertThatThrownBy(() -> new CommitTransaction("t", VAULT, replacements.subList(0, 50), read))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("102 items");
        assertThat(new CommitTransaction("t", VAULT, replacements.subList(0, 49), read).items(Seq.ZERO)).hasSize(100);
        assertThat(CommitTransaction.MAX_WRITES + 2).isEqualTo(100);
    }

    @Test
    void outcome_metaConditionFailed_isStaleWhateverElseFailed() {
        CommitAttempt outcome = threeWrites.outcome(reasons("ConditionalCheckFailed", "ConditionalCheckFailed", null,
                "ConditionalCheckFailed"));

        assertThat(outcome).isEqualTo(CommitAttempt.STALE);
    }

    @Test
    void outcome_someEntryConditionsFailed_isStale() {
        CommitAttempt outcome = threeWrites.outcome(reasons("None", "ConditionalCheckFailed", "None",
                "ConditionalCheckFailed"));

        assertThat(outcome).isEqualTo(CommitAttempt.STALE);
    }

    @Test
    void outcome_transactionConflict_isStaleSoTheCallerRereads() {
        CommitAttempt outcome = threeWrites.outcome(reasons("TransactionConflict", "None", "None", "None"));

        assertThat(outcome).isEqualTo(CommitAttempt.STALE);
    }

    @Test
    void outcome_throttling_isUnavailableNotAConflict() {
        assertThatThrownBy(() -> threeWrites.outcome(reasons("None", "ThrottlingError", "None", "None")))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void outcome_logItemAlreadyThere_failsLoudly() {
        List<CancellationReason> reasons = reasons("None", "None", "None", "None");
        reasons.set(4, CancellationReason.builder().code("ConditionalCheckFailed").build());

        assertThatThrownBy(() -> threeWrites.outcome(reasons)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outcome_reasonCountNotMatchingTheItems_failsLoudly() {
        assertThatThrownBy(() -> threeWrites.outcome(List.of(CancellationReason.builder().code("None").build())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 reasons for 7 items");
    }

    /** Reasons for meta and the three entries as given; the log and the two history items pass. */
    private static List<CancellationReason> reasons(String meta, String a, String b, String c) {
        List<CancellationReason> out = new ArrayList<>();
        for (String code : new String[] {meta, a, b, c}) {
            out.add(CancellationReason.builder().code(code).build());
        }
        out.addAll(Collections.nCopies(3, CancellationReason.builder().code("None").build()));
        return out;
    }

    private static ManifestEntry entry(String path, long version, long seq) {
        ContentHash hash = ContentHash.ofBytes((path + version).getBytes(StandardCharsets.UTF_8));
        return ManifestEntry.live(VaultPath.of(path), FileVersion.of(version), hash, 2, 5, new DeviceId("d0"), Seq.of(seq), NOW);
    }

    private static EntryWrite write(String path, long expected, long seq) {
        ContentHash hash = ContentHash.ofBytes(path.getBytes(StandardCharsets.UTF_8));
        return new EntryWrite(FileVersion.of(expected), ManifestEntry.live(VaultPath.of(path), FileVersion.of(expected + 1),
                hash, 1, 0, new DeviceId("d1"), Seq.of(seq), NOW));
    }
}
