package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The shared store contract, unchanged, against DynamoDB Local (one emulator for the class), and
 * the table layout of history: the current version in its file item only, a replaced one copied to
 * a history item by the commit that replaces it (docs/aws.md).
 */
class DynamoDbManifestStoreIT extends ManifestStoreContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected ManifestStore store() {
        return new DynamoDbManifestStore(target.get().dynamoDb(), target.get().table);
    }

    @Test
    void commit_ofANewPath_writesNoHistoryItemAndAReplacementCopiesTheVersionItReplaces() {
        ManifestEntry v1 = live("layout.txt", 1, 1, "one");
        ManifestEntry v2 = live("layout.txt", 2, 2, "two");

        commit(0, write(0, v1));
        assertThat(historyItems()).isEmpty();
        commit(1, write(1, v2));

        assertThat(historyItems()).extracting(ItemCodec::entry).containsExactly(v1);
        assertThat(store.history(vault, v1.path(), 10)).containsExactly(v2, v1);
    }

    /** A table written before that layout holds the current version as history too: each version is listed once. */
    @Test
    void history_ofATableThatAlsoKeepsTheCurrentVersionAsHistory_listsEachVersionOnce() {
        ManifestEntry v1 = live("old.txt", 1, 1, "one");
        ManifestEntry v2 = live("old.txt", 2, 2, "two");
        commit(0, write(0, v1));
        commit(1, write(1, v2));
        target.get().dynamoDb().putItem(b -> b.tableName(target.get().table)
                .item(ItemCodec.entryItem(vault, SortKeys.history(v2.path(), v2.version()), "hist", v2)));

        assertThat(store.history(vault, v2.path(), 10)).containsExactly(v2, v1);
        assertThat(store.history(vault, v2.path(), 1)).containsExactly(v2);
        assertThat(store.version(vault, v2.path(), v2.version())).contains(v2);
        assertThat(new DynamoDbRetentionStore(target.get().dynamoDb(), target.get().table).historyRecords(vault))
                .containsExactlyInAnyOrder(v2, v1);
    }

    /** Two commits land between the read of the file item and the query of history: still newest first, each once. */
    @Test
    void history_whileTwoCommitsReplaceTheVersionItRead_listsNewestFirstEachOnce() {
        ManifestEntry v1 = live("race.txt", 1, 1, "one");
        ManifestEntry v2 = live("race.txt", 2, 2, "two");
        applied(0, write(0, v1));
        applied(1, write(1, v2));
        ManifestStore racing = new DynamoDbManifestStore(HookedDynamoDb.after(target.get().dynamoDb(),
                r -> r instanceof GetItemRequest get && get.key().get(ItemCodec.SK).s().equals(SortKeys.file(v1.path())),
                () -> {
                    applied(2, write(2, live("race.txt", 3, 3, "three")));
                    applied(3, write(3, live("race.txt", 4, 4, "four")));
                }), target.get().table);

        assertThat(racing.history(vault, v1.path(), 10)).containsExactly(v2, v1);
    }

    /** A commit replaces the version asked for between the look in history and the look at the file item: still found. */
    @Test
    void version_theCurrentOneWhileACommitReplacesIt_isFound() {
        ManifestEntry v1 = live("race.txt", 1, 1, "one");
        ManifestEntry v2 = live("race.txt", 2, 2, "two");
        applied(0, write(0, v1));
        applied(1, write(1, v2));
        String historyKey = SortKeys.history(v2.path(), v2.version());
        ManifestStore racing = new DynamoDbManifestStore(HookedDynamoDb.after(target.get().dynamoDb(),
                r -> r instanceof GetItemRequest get && get.key().get(ItemCodec.SK).s().equals(historyKey),
                () -> applied(2, write(2, live("race.txt", 3, 3, "three")))), target.get().table);

        assertThat(racing.version(vault, v2.path(), v2.version())).contains(v2);
    }

    /**
     * A commit replaces a current version between the clean-up's two queries (file items, history
     * items): every version committed before the call is listed, once, and its blob is referenced.
     */
    @Test
    void historyRecordsAndReferences_whileACommitReplacesACurrentVersion_everyEarlierVersionOnce() {
        ManifestEntry v1 = live("race.txt", 1, 1, "one");
        ManifestEntry v2 = live("race.txt", 2, 2, "two");
        ManifestEntry v3 = live("race.txt", 3, 3, "three");
        applied(0, write(0, v1));
        applied(1, write(1, v2));

        List<ManifestEntry> records = racedAtSecondQuery(() -> applied(2, write(2, v3))).historyRecords(vault).toList();
        ManifestEntry v4 = live("race.txt", 4, 4, "four");
        Set<ContentHash> referenced = racedAtSecondQuery(() -> applied(3, write(3, v4))).referencedHashes(vault);

        assertThat(records).doesNotHaveDuplicates().contains(v1, v2);
        assertThat(records).isSubsetOf(v1, v2, v3);
        assertThat(referenced).contains(v1.hash(), v2.hash(), v3.hash());
    }

    /**
     * The largest rounds DynamoDB takes, of the largest entries: 98 new paths of 1024 UTF-8 bytes,
     * each chunked (a recipe), then as many replacements of them as fit. The log item of 98 such
     * entries stays under DynamoDB's 400 KB an item, the transaction under 4 MB: both apply.
     */
    @Test
    void commit_theLargestRoundsOfTheLargestEntries_applied() {
        int max = store.maxWritesPerCommit();
        List<EntryWrite> created = new ArrayList<>();
        List<EntryWrite> replaced = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            VaultPath path = VaultPath.of(String.format("%03d/", i) + "\uD83D\uDE00".repeat((VaultPath.MAX_BYTES - 4) / 4));
            assertThat(path.value().getBytes(StandardCharsets.UTF_8)).hasSize(VaultPath.MAX_BYTES);
            created.add(write(0, largest(path, 1, i + 1)));
            replaced.add(write(1, largest(path, 2, max + i + 1)));
        }
        applied(0, created);
        int fits = store.fitting(replaced);

        applied(max, replaced.subList(0, fits));

        assertThat(fits).isEqualTo(max / 2);
        for (int i = 0; i < max; i++) {
            List<ManifestEntry> expected = i < fits ? List.of(replaced.get(i).entry(), created.get(i).entry())
                    : List.of(created.get(i).entry());
            assertThat(store.history(vault, created.get(i).entry().path(), 10)).containsExactlyElementsOf(expected);
        }
    }

    private ManifestEntry largest(VaultPath path, long version, long seq) {
        String content = path.value() + "@" + version;
        return ManifestEntry.live(path, FileVersion.of(version), hashOf(content), Long.MAX_VALUE / 2, Long.MAX_VALUE / 2,
                admin.id(), Seq.of(seq), T0).withRecipe(hashOf("recipe of " + content)).withExecutable(true);
    }

    private void applied(long expectedSeq, List<EntryWrite> writes) {
        assertThat(store.commit(vault, Seq.of(expectedSeq), writes, T0)).isEqualTo(CommitAttempt.APPLIED);
    }

    private DynamoDbRetentionStore racedAtSecondQuery(Runnable commit) {
        AtomicInteger queries = new AtomicInteger();
        return new DynamoDbRetentionStore(HookedDynamoDb.before(target.get().dynamoDb(),
                r -> r instanceof QueryRequest && queries.incrementAndGet() == 2, commit), target.get().table);
    }

    private void applied(long expectedSeq, EntryWrite write) {
        assertThat(commit(expectedSeq, write)).isEqualTo(CommitAttempt.APPLIED);
    }

    private List<Map<String, AttributeValue>> historyItems() {
        return target.get().dynamoDb().query(b -> b.tableName(target.get().table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", ItemCodec.s(SortKeys.partition(vault)),
                        ":prefix", ItemCodec.s(SortKeys.HIST_PREFIX)))
                .consistentRead(true)).items();
    }
}
