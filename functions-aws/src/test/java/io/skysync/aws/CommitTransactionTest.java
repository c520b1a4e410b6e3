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
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

class CommitTransactionTest {
    private static final VaultId VAULT = new VaultId("v");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final CommitTransaction threeWrites = new CommitTransaction("t", VAULT, List.of(
            write("a", 0, 11), write("b", 3, 12), write("c", 1, 13)));

    @Test
    void items_threeWrites_metaThenEntriesThenLogThenHistory() {
        List<TransactWriteItem> items = threeWrites.items(Seq.of(10));

        assertThat(items).hasSize(8);
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
        assertThat(items.subList(5, 8)).extracting(i -> i.put().item().get("sk").s()).allMatch(sk -> sk.startsWith("hist#"));
    }

    @Test
    void items_seqsNotFollowingTheExpectedSeq_areRefused() {
        assertThatThrownBy(() -> threeWrites.items(Seq.of(9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq");
    }

    @Test
    void constructor_moreWritesThanFitOneTransaction_isRefused() {
        List<EntryWrite> fifty = new ArrayList<>();
        for (int i = 0; i < CommitTransaction.MAX_WRITES + 1; i++) {
            fifty.add(write("f" + i, 0, i + 1));
        }

        assertThatThrownBy(() -> new CommitTransaction("t", VAULT, fifty)).isInstanceOf(IllegalArgumentException.class);
        assertThat(2 * CommitTransaction.MAX_WRITES + 2).isEqualTo(100);
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
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 reasons for 8 items");
    }

    /** Reasons for meta and the three entries as given; the log and history items pass. */
    private static List<CancellationReason> reasons(String meta, String a, String b, String c) {
        List<CancellationReason> out = new ArrayList<>();
        for (String code : new String[] {meta, a, b, c}) {
            out.add(CancellationReason.builder().code(code).build());
        }
        out.addAll(Collections.nCopies(4, CancellationReason.builder().code("None").build()));
        return out;
    }

    private static EntryWrite write(String path, long expected, long seq) {
        ContentHash hash = ContentHash.ofBytes(path.getBytes(StandardCharsets.UTF_8));
        return new EntryWrite(FileVersion.of(expected), ManifestEntry.live(VaultPath.of(path), FileVersion.of(expected + 1),
                hash, 1, 0, new DeviceId("d1"), Seq.of(seq), NOW));
    }
}
