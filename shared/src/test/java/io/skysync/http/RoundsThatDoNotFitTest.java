package io.skysync.http;

import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.entry;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.ForwardingManifestStore;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A store whose commits take fewer replacements than new paths (DynamoDB: a replacement also keeps
 * the replaced version as history): each round writes what fits and the rest are read and decided
 * again, so every entry lands once, in seq order, each over the version it expected; and another
 * device's commit between two rounds is a conflict for its path only, never a lost update.
 */
class RoundsThatDoNotFitTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** Like DynamoDB's 100 items for 98 new paths: the head and the log take 2, a new path 1, a replacement 2. */
    private static final int ITEMS = 8;
    private static final int MAX_WRITES = ITEMS - 2;
    private static final VaultId VAULT = new VaultId("v1");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryManifestStore memory = new InMemoryManifestStore(MAX_WRITES);
    private final WeighingStore store = new WeighingStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(clock);
    private final ApiRouter router = new ApiRouter(new SyncService(store, blobs, clock, new Tokens(new Random(7)),
            ServiceConfig.withBootstrapSecret(ApiFixture.SECRET)));

    @Test
    void commit_replacementsAndNewPaths_everyEntryLandsOnceInRoundsThatFit() {
        String admin = createVault();
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(entry("a" + i, 0, blob("one" + i), 4));
        }
        results(post(admin, first));
        long head = memory.vault(VAULT).orElseThrow().seq().value();
        List<Object> second = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            second.add(entry("a" + i, 1, blob("two" + i), 4));
        }
        for (int i = 0; i < 4; i++) {
            second.add(entry("b" + i, 0, blob("new" + i), 4));
        }
        store.commits.set(0);

        JsonNode results = results(post(admin, second));

        assertThat(results).hasSize(14).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("committed"));
        assertThat(store.commits.get()).as("10 replacements 3 a round, then the 4 new paths").isEqualTo(4);
        assertThat(memory.vault(VAULT).orElseThrow().seq().value()).isEqualTo(head + 14);
        for (int i = 0; i < 14; i++) {
            assertThat(results.get(i).get("seq").asLong()).isEqualTo(head + i + 1);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(memory.history(VAULT, VaultPath.of("a" + i), 10)).extracting(ManifestEntry::hash)
                    .containsExactly(blob("two" + i), blob("one" + i));
        }
    }

    @Test
    void commit_anotherDeviceWritesAPathBetweenTwoRounds_conflictForThatPathOnlyNothingLost() {
        String admin = createVault();
        List<Object> first = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            first.add(entry("a" + i, 0, blob("one" + i), 4));
            second.add(entry("a" + i, 1, blob("two" + i), 4));
        }
        results(post(admin, first));
        VaultPath raced = VaultPath.of("a4");
        ManifestEntry rivals = ManifestEntry.live(raced, FileVersion.of(2), blob("riva"), 4, 9, new DeviceId("rival"),
                Seq.ZERO, T0);
        store.rivalAt(2, raced, rivals);

        JsonNode results = results(post(admin, second));

        assertThat(results.get(4).get("status").asText()).isEqualTo("conflict");
        for (int i = 0; i < 9; i++) {
            if (i != 4) {
                assertThat(results.get(i).get("status").asText()).as("a" + i).isEqualTo("committed");
                assertThat(results.get(i).get("version").asLong()).isEqualTo(2);
            }
        }
        ManifestEntry current = memory.entries(VAULT, List.of(raced)).get(raced);
        assertThat(current.device()).isEqualTo(new DeviceId("rival"));
        assertThat(current.hash()).isEqualTo(blob("riva"));
        assertThat(memory.history(VAULT, raced, 10)).extracting(ManifestEntry::hash).containsExactly(blob("riva"), blob("one4"));
        List<Long> seqs = new ArrayList<>();
        results.forEach(r -> {
            if (r.get("status").asText().equals("committed")) {
                seqs.add(r.get("seq").asLong());
            }
        });
        assertThat(seqs).as("gap-free with the rival's seq among them").doesNotHaveDuplicates().hasSize(8)
                .doesNotContain(current.seq().value());
        assertThat(memory.vault(VAULT).orElseThrow().seq().value()).isEqualTo(9 + 1 + 8);
    }

    /** Stores a blob of four bytes (the entries' size) and names it. */
    private ContentHash blob(String content) {
        return blobs.put(VAULT, content.getBytes(StandardCharsets.UTF_8));
    }

    private ApiResponse post(String token, List<Object> entries) {
        return post("/v1/vaults/v1/commit", token, commitBody(entries.toArray()));
    }

    private static JsonNode results(ApiResponse response) {
        return ApiFixture.assertOk(response, 200).get("results");
    }

    private String createVault() {
        return ApiFixture.createVault(router, "busy");
    }

    private ApiResponse post(String path, String token, Object body) {
        return ApiFixture.post(router, path, token, body);
    }

    /**
     * Weighs writes as DynamoDB does ({@link #fitting}) and refuses a batch over the budget, so a
     * caller that ignores the weight fails; may let a rival commit land just before its n-th commit.
     */
    private final class WeighingStore extends ForwardingManifestStore {
        final AtomicInteger commits = new AtomicInteger();
        private int rivalAt = -1;
        private VaultPath rivalPath;
        private ManifestEntry rival;

        WeighingStore() {
            super(memory);
        }

        void rivalAt(int commit, VaultPath path, ManifestEntry entry) {
            commits.set(0);
            rivalAt = commit;
            rivalPath = path;
            rival = entry;
        }

        @Override
        public int fitting(List<EntryWrite> writes) {
            int items = 2;
            for (int i = 0; i < writes.size(); i++) {
                items += writes.get(i).expectedVersion().isNone() ? 1 : 2;
                if (items > ITEMS) {
                    return i;
                }
            }
            return writes.size();
        }

        @Override
        public CommitAttempt commit(VaultId vault, CommitBase base, List<EntryWrite> writes, Instant now) {
            if (fitting(writes) < writes.size()) {
                throw new IllegalArgumentException(writes.size() + " writes do not fit one commit");
            }
            if (commits.incrementAndGet() == rivalAt) {
                Seq head = memory.vault(vault).orElseThrow().seq();
                ManifestEntry current = memory.entries(vault, List.of(rivalPath)).get(rivalPath);
                ManifestEntry entry = ManifestEntry.live(rivalPath, current.version().next(), rival.hash(), rival.size(),
                        rival.mtimeMillis(), rival.device(), head.plus(1), now);
                assertThat(memory.commit(vault, head, List.of(new EntryWrite(current.version(), entry)), now))
                        .isEqualTo(CommitAttempt.APPLIED);
            }
            return super.commit(vault, base, writes, now);
        }
    }
}
