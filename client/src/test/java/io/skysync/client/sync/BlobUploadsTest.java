package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.UploadDto;
import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.UploadUrlsResponse;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload stage: which blobs are sent, from where, and what the vault's answers mean. */
class BlobUploadsTest {
    @TempDir
    Path root;
    final ScriptedVault vault = new ScriptedVault();
    final MemoryTransfers transfers = new MemoryTransfers();
    final List<UploadUrlsRequest> asked = new ArrayList<>();
    BlobUploads uploads;

    @BeforeEach
    void stage() throws IOException {
        SafeRoot safe = new SafeRoot(root);
        StagingArea staging = new StagingArea(safe);
        uploads = new BlobUploads(vault, transfers, new TransferPool(2), new LocalPlacer(safe, staging), Progress.NONE);
    }

    private LocalFile file(String rel, String content) throws IOException {
        Files.writeString(root.resolve(rel), content);
        return new LocalFile(VaultPath.of(rel), rel, content.length(), 1, "k", hash(content));
    }

    private static ContentHash hash(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The vault lacks exactly these contents. */
    private void lacks(String... contents) {
        vault.uploadUrls = r -> {
            asked.add(r);
            List<UploadDto> out = new ArrayList<>();
            for (String c : contents) {
                if (r.blobs().stream().anyMatch(b -> b.hash().equals(hash(c).hex()))) {
                    out.add(ScriptedVault.upload(hash(c)));
                }
            }
            return new UploadUrlsResponse(out);
        };
    }

    @Test
    void send_asksForEveryBlobWithItsSize_andSendsOnlyWhatTheVaultLacks() throws IOException {
        lacks("new");
        Map<ContentHash, LocalFile> sources = new LinkedHashMap<>();
        sources.put(hash("new"), file("a", "new"));
        sources.put(hash("known"), file("b", "known"));

        BlobUploads.Sent sent = uploads.send(sources);

        assertThat(asked).singleElement().satisfies(r -> assertThat(r.blobs()).containsExactly(
                new UploadUrlsRequest.BlobRef(hash("new").hex(), 3L), new UploadUrlsRequest.BlobRef(hash("known").hex(), 5L)));
        assertThat(sent.uploaded()).containsOnlyKeys(hash("new"));
        assertThat(sent.failed()).isEmpty();
        assertThat(transfers.uploaded).containsOnlyKeys(hash("new"));
    }

    @Test
    void send_aFileThatChangedSinceTheScan_failsWithoutStoringIt() throws IOException {
        lacks("scanned");
        LocalFile seen = file("a", "scanned");
        Files.writeString(root.resolve("a"), "changed");

        BlobUploads.Sent sent = uploads.send(Map.of(hash("scanned"), seen));

        assertThat(sent.failed()).containsKey(hash("scanned"));
        assertThat(transfers.uploaded).isEmpty();
    }

    @Test
    void send_forbidden_isThrownBeforeAnyByteIsSent() throws IOException {
        vault.uploadUrls = r -> {
            throw new SkysyncException(ErrorCode.FORBIDDEN, "read-only");
        };
        LocalFile a = file("a", "a");

        assertThatThrownBy(() -> uploads.send(Map.of(hash("a"), a))).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(transfers.uploaded).isEmpty();
    }

    @Test
    void send_expiredUrlForABlobStoredMeanwhile_isDoneWithoutAnotherUpload() throws IOException {
        UploadDto url = ScriptedVault.upload(hash("a"));
        List<Integer> calls = new ArrayList<>();
        vault.uploadUrls = r -> {
            calls.add(1);
            return new UploadUrlsResponse(calls.size() == 1 ? List.of(url) : List.of());
        };
        transfers.failing.put(url.url(), new TransferException(TransferException.Kind.EXPIRED, "expired"));

        BlobUploads.Sent sent = uploads.send(Map.of(hash("a"), file("a", "a")));

        assertThat(sent.failed()).isEmpty();
        assertThat(calls).hasSize(2);
        assertThat(uploads.apiCalls()).isEqualTo(2);
    }

    @Test
    void send_answerWithGarbageUploads_ignoresThem() throws IOException {
        vault.uploadUrls = r -> {
            List<UploadDto> out = new ArrayList<>();
            out.add(null);
            out.add(new UploadDto("not a hash", "http://x", "PUT", Map.of(), null));
            out.add(new UploadDto(hash("unasked").hex(), "http://x", "PUT", Map.of(), null));
            return new UploadUrlsResponse(out);
        };

        BlobUploads.Sent sent = uploads.send(Map.of(hash("a"), file("a", "a")));

        assertThat(sent.uploaded()).isEmpty();
        assertThat(transfers.uploaded).as("a URL for a blob nobody asked for sends nothing").isEmpty();
    }

    @Test
    void sendTo_repairUrls_needsNoUploadUrlsCall() throws IOException {
        UploadDto repair = ScriptedVault.upload(hash("a"));

        BlobUploads.Sent sent = uploads.sendTo(Map.of(hash("a"), file("a", "a")), Map.of(hash("a"), repair));

        assertThat(sent.uploaded()).containsOnlyKeys(hash("a"));
        assertThat(vault.calls()).isEmpty();
    }
}
