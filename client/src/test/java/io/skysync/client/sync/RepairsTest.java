package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.UploadDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryIndex;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferPool;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content the vault lost is sent again only from a file synced with exactly that content. */
class RepairsTest {
    @TempDir
    Path root;
    final ScriptedVault vault = new ScriptedVault();
    final MemoryTransfers transfers = new MemoryTransfers();

    private static ContentHash hash(String s) {
        return ContentHash.ofBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void run(Map<VaultPath, IndexRow> rows, Map<VaultPath, LocalFile> local, List<UploadDto> repairs,
                     RunLedger[] out) throws IOException {
        RemoteView view = new RemoteView(Map.of(), false, 0, Map.of(), Map.of(), repairs, List.of(), 0);
        PlanInput input = new PlanInput(rows, local, p -> false, view, SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"),
                PlanFixtures.NOW);
        RunLedger ledger = new RunLedger(input, new MemoryIndex(), Progress.NONE, 0);
        SafeRoot safe = new SafeRoot(root);
        BlobUploads uploads = new BlobUploads(vault, transfers, new TransferPool(1), new LocalPlacer(safe, new StagingArea(safe)),
                Progress.NONE);
        Repairs.upload(view, ledger, uploads);
        out[0] = ledger;
    }

    private LocalFile file(String rel, String content) throws IOException {
        Files.writeString(root.resolve(rel), content);
        return new LocalFile(VaultPath.of(rel), rel, content.length(), 1, "k", hash(content));
    }

    @Test
    void upload_fromTheSyncedFileOnly_oncePerBlob_skippingWhatIsNotHeld() throws IOException {
        LocalFile synced = file("synced.txt", "lost");
        LocalFile unsynced = file("unsynced.txt", "also lost");
        Map<VaultPath, IndexRow> rows = new HashMap<>();
        rows.put(synced.path(), PlanFixtures.row(synced.path(), "a@3", synced).syncedTo(
                RemoteFile.live(FileVersion.of(3), hash("lost"), 4, 1)));
        List<UploadDto> repairs = new ArrayList<>(List.of(ScriptedVault.upload(hash("lost")), ScriptedVault.upload(hash("lost")),
                ScriptedVault.upload(hash("also lost")), ScriptedVault.upload(hash("nowhere"))));
        repairs.add(new UploadDto("not a hash", "http://x", "PUT", Map.of(), null));
        RunLedger[] ledger = new RunLedger[1];

        run(rows, Map.of(synced.path(), synced, unsynced.path(), unsynced), repairs, ledger);

        assertThat(transfers.uploaded).containsOnlyKeys(hash("lost"));
        assertThat(ledger[0].report.blobsRepaired()).isEqualTo(1);
        assertThat(vault.calls()).isEmpty();
    }

    @Test
    void upload_noRepairs_doesNothing() throws IOException {
        RunLedger[] ledger = new RunLedger[1];

        run(Map.of(), Map.of(), List.of(), ledger);

        assertThat(ledger[0].report.blobsRepaired()).isZero();
        assertThat(transfers.uploaded).isEmpty();
    }
}
