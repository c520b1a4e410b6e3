package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.DownloadUrlsResponse;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.BlobCheck;
import io.skysync.client.scan.LocalFile;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.TransferPool;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download stage: where the bytes come from, and what happens when they are wrong. */
class BlobDownloadsTest {
    @TempDir
    Path root;
    final ScriptedVault vault = new ScriptedVault();
    final MemoryTransfers transfers = new MemoryTransfers();
    BlobDownloads downloads;
    LocalPlacer placer;

    @BeforeEach
    void stage() throws IOException {
        SafeRoot safe = new SafeRoot(root);
        StagingArea staging = new StagingArea(safe);
        staging.prepare();
        placer = new LocalPlacer(safe, staging);
        downloads = new BlobDownloads(vault, transfers, new TransferPool(2), placer, staging, Progress.NONE);
    }

    private static ContentHash hash(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }

    private static BlobDownloads.Job job(String path, String content) {
        RemoteFile remote = RemoteFile.live(FileVersion.of(3), hash(content), content.length(), 0);
        return new BlobDownloads.Job(new Step.Fetch(VaultPath.of(path), remote, null), null);
    }

    /** Every requested file gets a URL that serves {@code served}, claiming the hash of {@code claimed}. */
    private void urls(String claimed, String served) {
        transfers.served.put("http://127.0.0.1:9/b", served.getBytes(StandardCharsets.UTF_8));
        vault.downloadUrls = r -> new DownloadUrlsResponse(r.files().stream().map(f -> new DownloadUrlsResponse.DownloadDto(
                f.path(), f.version(), hash(claimed).hex(), claimed.length(), "http://127.0.0.1:9/b", null)).toList(), List.of());
    }

    private LocalFile scanned(String rel) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(root.resolve(rel), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new LocalFile(VaultPath.of(rel), rel, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                String.valueOf(attrs.fileKey()), ContentHash.ofBytes(Files.readAllBytes(root.resolve(rel))));
    }

    @Test
    void fetch_contentHeldLocally_isCopiedNotDownloaded() throws IOException {
        Files.writeString(root.resolve("old-name.txt"), "moved");
        BlobDownloads.Job renamed = new BlobDownloads.Job(job("new-name.txt", "moved").step(), scanned("old-name.txt"));

        List<BlobDownloads.Fetched> fetched = downloads.fetch(List.of(renamed));

        assertThat(fetched).singleElement().satisfies(f -> {
            assertThat(f.error()).isNull();
            assertThat(f.temp()).hasContent("moved");
        });
        assertThat(vault.calls()).isEmpty();
    }

    @Test
    void fetch_localCopyThatChangedSinceTheScan_isDownloadedInstead() throws IOException {
        Files.writeString(root.resolve("old-name.txt"), "moved");
        LocalFile seen = scanned("old-name.txt");
        Files.writeString(root.resolve("old-name.txt"), "edited after the scan");
        urls("moved", "moved");

        List<BlobDownloads.Fetched> fetched = downloads.fetch(List.of(new BlobDownloads.Job(job("n.txt", "moved").step(), seen)));

        assertThat(fetched.get(0).temp()).hasContent("moved");
        assertThat(transfers.downloads()).hasSize(1);
    }

    @Test
    void fetch_emptyFile_needsNoRequest() {
        List<BlobDownloads.Fetched> fetched = downloads.fetch(List.of(job("empty.txt", "")));

        assertThat(fetched.get(0).temp()).hasContent("");
        assertThat(vault.calls()).isEmpty();
    }

    @Test
    void fetch_noUrlForAFile_failsItAsGone() {
        List<BlobDownloads.Fetched> fetched = downloads.fetch(List.of(job("a.txt", "a")));

        assertThat(fetched.get(0).error()).contains("no content for this version");
    }

    @Test
    void fetch_urlForOtherContent_failsAsChangedAgain() {
        urls("something else", "something else");

        assertThat(downloads.fetch(List.of(job("a.txt", "a"))).get(0).error()).contains("changed again remotely");
    }

    @Test
    void fetch_expiredUrl_isAskedForOnceMore() {
        urls("a", "a");
        transfers.failing.put("http://127.0.0.1:9/b", new TransferException(TransferException.Kind.EXPIRED, "expired"));

        List<BlobDownloads.Fetched> fetched = downloads.fetch(List.of(job("a.txt", "a")));

        assertThat(fetched.get(0).error()).isNull();
        assertThat(vault.count("download-urls")).isEqualTo(2);
    }

    @Test
    void fetch_bytesThatAreNotTheirHash_askTheServerToCheck_andSayWhatItFound() {
        urls("a", "b");
        AtomicInteger checks = new AtomicInteger();
        vault.verify = h -> {
            checks.incrementAndGet();
            return new BlobCheck.Answer(h.hex(), "intact");
        };

        BlobDownloads.Fetched fetched = downloads.fetch(List.of(job("a.txt", "a"))).get(0);

        assertThat(checks).hasValue(1);
        assertThat(fetched.temp()).isNull();
        assertThat(fetched.error()).contains("does not match its SHA-256").contains("the server says its copy is intact");
    }

    @Test
    void fetch_checkThatFails_isSaid_andTheFileStillFails() {
        urls("a", "b");
        vault.verify = h -> {
            throw new SkysyncException(ErrorCode.NOT_FOUND, "no such endpoint; see docs/api.md");
        };

        assertThat(downloads.fetch(List.of(job("a.txt", "a"))).get(0).error())
                .contains("the server could not check its copy (no such endpoint");
    }

    @Test
    void fetch_manyFiles_askForUrlsInBatchesOfAThousand_andAnswerInInputOrder() {
        urls("a", "a");
        List<BlobDownloads.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            jobs.add(job("f" + i, "a"));
        }

        List<BlobDownloads.Fetched> fetched = downloads.fetch(jobs);

        assertThat(vault.count("download-urls")).isEqualTo(2);
        assertThat(fetched).extracting(f -> f.job().step().path().value()).containsExactlyElementsOf(
                jobs.stream().map(j -> j.step().path().value()).toList());
        assertThat(fetched).allSatisfy(f -> assertThat(f.error()).isNull());
    }
}
