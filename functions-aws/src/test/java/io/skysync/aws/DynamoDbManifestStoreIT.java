package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ManifestEntry;
import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    private List<Map<String, AttributeValue>> historyItems() {
        return target.get().dynamoDb().query(b -> b.tableName(target.get().table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", ItemCodec.s(SortKeys.partition(vault)),
                        ":prefix", ItemCodec.s(SortKeys.HIST_PREFIX)))
                .consistentRead(true)).items();
    }
}
