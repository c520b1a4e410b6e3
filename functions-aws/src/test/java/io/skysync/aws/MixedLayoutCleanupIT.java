package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.CommitAttempt;
import io.skysync.service.EntryWrite;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.StoredBlob;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The clean-up over a table that mixes both history layouts (docs/aws.md): paths written before
 * 2026-12-02 hold their current version as a {@code hist#} item too, paths written since only in
 * their file item. Pruned to one version a path, twice over (mark, then delete): every current
 * version's blob stays, each path lists its current version once, and only replaced versions'
 * blobs and the unreferenced one go. DynamoDB Local and S3Proxy.
 */
class MixedLayoutCleanupIT {
    private static final DeviceId WRITER = new DeviceId("writer-1");
    private static final RetentionPolicy ONE_VERSION =
            new RetentionPolicy(Duration.ofDays(30), 1, Duration.ofDays(1), Duration.ofHours(1));

    @RegisterExtension
    final ClassTarget target = new ClassTarget(AwsTarget::emulators);

    private final VaultId vault = new VaultId(AwsTarget.uniqueName("mixed"));
    private DynamoDbManifestStore manifest;
    private DynamoDbRetentionStore retention;
    private S3BlobSweeper blobs;

    @BeforeEach
    void vault() {
        manifest = new DynamoDbManifestStore(target.get().dynamoDb(), target.get().table);
        retention = new DynamoDbRetentionStore(target.get().dynamoDb(), target.get().table);
        blobs = new S3BlobSweeper(target.get().s3(), target.get().bucket);
        Instant now = Instant.now();
        assertThat(manifest.createVault(vault, new DeviceRecord(new DeviceId("admin-1"), "admin", Role.ADMIN,
                ContentHash.ofBytes(new byte[] {1}).hex(), now, now, Seq.ZERO, false), now)).isTrue();
    }

    @Test
    void cleanup_ofOldAndNewLayoutPaths_keepsEveryCurrentBlobAndListsEachCurrentVersionOnce() {
        ManifestEntry old1 = oldLayout(write("old.txt", "old one"));
        ManifestEntry old2 = oldLayout(write("old.txt", "old two"));
        ManifestEntry old3 = write("old.txt", "old three");
        ManifestEntry oldOnly = oldLayout(write("old-only.txt", "old only"));
        ManifestEntry new1 = write("new.txt", "new one");
        ManifestEntry new2 = write("new.txt", "new two");
        ManifestEntry newOnly = write("new-only.txt", "new only");
        ManifestEntry gone1 = oldLayout(write("gone.txt", "gone one"));
        ManifestEntry gone2 = delete("gone.txt");
        ContentHash unreferenced = blob("nobody's");
        List<ManifestEntry> current = List.of(old3, oldOnly, new2, newOnly, gone2);

        RetentionJob job = new RetentionJob(manifest, retention, blobs,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(40)), ONE_VERSION);
        job.run();
        assertThat(stored()).as("marked only").contains(unreferenced, old1.hash(), old2.hash(), new1.hash(), gone1.hash());
        new RetentionJob(manifest, retention, blobs,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(40).plusHours(2)), ONE_VERSION).run();

        assertThat(stored()).containsExactlyInAnyOrder(old3.hash(), oldOnly.hash(), new2.hash(), newOnly.hash());
        for (ManifestEntry entry : current) {
            assertThat(manifest.history(vault, entry.path(), 10)).containsExactly(entry);
            assertThat(manifest.version(vault, entry.path(), entry.version())).contains(entry);
        }
        try (Stream<ManifestEntry> records = retention.historyRecords(vault)) {
            assertThat(records).containsExactlyInAnyOrderElementsOf(current);
        }
    }

    /** A new version of {@code path} with {@code content}, its blob stored, committed by the new code. */
    private ManifestEntry write(String path, String content) {
        ContentHash hash = blob(content);
        return commit(path, (expected, seq) -> ManifestEntry.live(VaultPath.of(path), expected.next(), hash,
                content.length(), 1000, WRITER, seq, Instant.now()));
    }

    private ManifestEntry delete(String path) {
        return commit(path, (expected, seq) -> ManifestEntry.tombstone(VaultPath.of(path), expected.next(), WRITER, seq,
                Instant.now()));
    }

    private interface Next {
        ManifestEntry entry(FileVersion expected, Seq seq);
    }

    private ManifestEntry commit(String path, Next next) {
        Seq head = manifest.vault(vault).orElseThrow().seq();
        ManifestEntry current = manifest.entries(vault, List.of(VaultPath.of(path))).get(VaultPath.of(path));
        FileVersion expected = current == null ? FileVersion.NONE : current.version();
        ManifestEntry entry = next.entry(expected, head.plus(1));
        assertThat(manifest.commit(vault, head, List.of(new EntryWrite(expected, entry)), entry.updatedAt()))
                .isEqualTo(CommitAttempt.APPLIED);
        return entry;
    }

    /** What the code before 2026-12-02 also wrote: the version it committed as a history item. */
    private ManifestEntry oldLayout(ManifestEntry written) {
        target.get().dynamoDb().putItem(b -> b.tableName(target.get().table)
                .item(ItemCodec.entryItem(vault, SortKeys.history(written.path(), written.version()), "hist", written)));
        return written;
    }

    private ContentHash blob(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ContentHash hash = ContentHash.ofBytes(bytes);
        target.get().s3().putObject(b -> b.bucket(target.get().bucket).key(S3BlobStore.key(vault, hash)),
                RequestBody.fromBytes(bytes));
        return hash;
    }

    private Set<ContentHash> stored() {
        try (Stream<StoredBlob> stored = blobs.blobs(vault)) {
            return stored.map(StoredBlob::hash).collect(Collectors.toSet());
        }
    }
}
