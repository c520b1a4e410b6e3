package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.service.CommitAttempt;
import io.skysync.service.CommitBase;
import io.skysync.service.EntryWrite;
import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;
import io.skysync.testing.RetentionStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared retention-store contract against DynamoDB Local, over items the manifest store wrote. */
class DynamoDbRetentionStoreIT extends RetentionStoreContract {
    private static final int COMMITTERS = 3;
    private static final int COMMITS = 30;

    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected ManifestStore manifestStore() {
        return new DynamoDbManifestStore(target.get().dynamoDb(), target.get().table);
    }

    @Override
    protected RetentionStore retentionStore() {
        return new DynamoDbRetentionStore(target.get().dynamoDb(), target.get().table);
    }

    /**
     * Devices replace the current versions of paths (held in the file items only; two devices race
     * for one of the paths) while the clean-up and a history reader read again and again: each read
     * lists every version committed before it, once, newest first for a path's history, and
     * references its blob, whichever of its two looks (file items, history items) a commit lands
     * between.
     */
    @Test
    void historyRecordsReferencesAndHistory_whileDevicesReplaceVersions_everyEarlierVersionOnce() throws Exception {
        Set<ManifestEntry> applied = ConcurrentHashMap.newKeySet();
        AtomicBoolean committing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(COMMITTERS + 1);
        try {
            List<Future<?>> committers = new ArrayList<>();
            for (int t = 0; t < COMMITTERS; t++) {
                VaultPath path = path("race/" + t % 2 + ".txt");
                committers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < COMMITS; i++) {
                        applied.add(replace(path));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (committing.get()) {
                    Set<ManifestEntry> before = Set.copyOf(applied);
                    List<ManifestEntry> records;
                    try (Stream<ManifestEntry> stream = store.historyRecords(vault)) {
                        records = stream.toList();
                    }
                    Set<ContentHash> referenced = store.referencedHashes(vault);
                    assertThat(records).extracting(ManifestEntry::path, ManifestEntry::version).doesNotHaveDuplicates();
                    assertThat(records).containsAll(before);
                    assertThat(referenced).containsAll(before.stream().map(ManifestEntry::hash).toList());
                    for (int p = 0; p < 2; p++) {
                        VaultPath path = path("race/" + p + ".txt");
                        List<ManifestEntry> history = manifest.history(vault, path, 1000);
                        assertThat(history).extracting(e -> -e.version().value()).isSorted().doesNotHaveDuplicates();
                        assertThat(history).containsAll(before.stream().filter(e -> e.path().equals(path)).toList());
                        before.stream().filter(e -> e.path().equals(path)).max(Comparator.comparing(ManifestEntry::version))
                                .ifPresent(last -> assertThat(manifest.version(vault, path, last.version())).contains(last));
                    }
                    reads++;
                }
                return reads;
            });
            start.countDown();
            for (Future<?> committer : committers) {
                committer.get(5, TimeUnit.MINUTES);
            }
            committing.set(false);
            assertThat(reader.get(5, TimeUnit.MINUTES)).as("reads during the commits").isPositive();
        } finally {
            committing.set(false);
            pool.shutdownNow();
        }
        assertThat(applied).hasSize(COMMITTERS * COMMITS);
    }

    /** One new version of {@code path}, retried on a fresh read until it lands (the others move the head). */
    private ManifestEntry replace(VaultPath path) {
        while (true) {
            CommitBase base = manifest.readForCommit(vault, List.of(path)).orElseThrow();
            ManifestEntry current = base.entries().get(path);
            FileVersion expected = current == null ? FileVersion.NONE : current.version();
            Instant now = Instant.now();
            ManifestEntry entry = ManifestEntry.live(path, expected.next(),
                    hash(path + "@" + expected.next().value() + "@" + vault), 3, 1000, new DeviceId("writer-1"),
                    base.seq().plus(1), now);
            if (manifest.commit(vault, base, List.of(new EntryWrite(expected, entry)), now) == CommitAttempt.APPLIED) {
                return entry;
            }
        }
    }
}
