package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.scan.Hasher;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A real sync whose scan has a folder swapped for a link to a folder outside the root between its
 * walk and its hashing (a program racing the scan): the outside file, which has the same name as
 * the one in the folder, never reaches the vault, the manifest or the other device.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "links need a privilege there")
class SwappedFolderSyncTest extends TwoDevices {
    private static final String SECRET = "a key that lives outside the synced folder";

    @Test
    void folderSwappedForALinkOutside_betweenTheWalkAndTheHash_uploadsNothingFromOutside() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("id_key"), SECRET);
        a.write("keys/id_key", "the synced one");
        a.write("other.txt", "other");
        AtomicBoolean swapped = new AtomicBoolean();
        Hasher real = new ParallelHasher(2);
        a.withHasher(new Hasher() {
            @Override
            public List<Result> hash(List<Path> files) {
                throw new AssertionError("the scan tells the root");
            }

            @Override
            public List<Result> hash(Path root, List<Path> files, List<Long> sizes) {
                if (!files.isEmpty() && !swapped.getAndSet(true)) {
                    swapForLink(a.root.resolve("keys"), temp.resolve("moved-keys"), outside);
                }
                return real.hash(root, files, sizes);
            }
        });

        SyncReport first = a.sync();
        b.sync();

        assertThat(swapped).isTrue();
        ContentHash secret = ContentHash.ofBytes(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(backend.blobs().get(new VaultId(vault), secret)).as("the outside file's blob").isEmpty();
        assertThat(a.remote().files(null, 500).entries()).noneMatch(e -> secret.hex().equals(e.hash()));
        try (SqliteIndexStore index = SqliteIndexStore.open(a.root.resolve(".skysync/index.db"))) {
            assertThat(index.load().values()).as("the index").noneMatch(row -> secret.equals(row.localHash()));
        }
        assertThat(first.failures()).isEmpty();
        assertThat(b.exists("keys/id_key")).isFalse();
        assertThat(b.read("other.txt")).isEqualTo("other");
    }

    private static void swapForLink(Path folder, Path movedTo, Path target) {
        try {
            Files.move(folder, movedTo);
            Files.createSymbolicLink(folder, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
