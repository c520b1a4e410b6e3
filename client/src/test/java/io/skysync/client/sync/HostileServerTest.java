package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitRequest;
import io.skysync.api.CommitResponse;
import io.skysync.api.DownloadUrlsRequest;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.index.SqliteIndexStore;
import io.skysync.client.progress.Progress;
import io.skysync.client.remote.RemoteVault;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that names paths outside the root, absolute paths, or paths through a symlink: nothing lands outside. */
class HostileServerTest {
    private static final byte[] EVIL = "pwned".getBytes(StandardCharsets.UTF_8);
    private static final ContentHash EVIL_HASH = ContentHash.ofBytes(EVIL);

    @TempDir
    Path temp;

    /** Answers every plan with the given entries and serves their content to anyone. */
    private static final class HostileVault implements RemoteVault {
        private final List<EntryDto> entries;

        HostileVault(List<EntryDto> entries) {
            this.entries = entries;
        }

        @Override
        public PlanResponse plan(PlanRequest request) {
            return new PlanResponse(entries, 99, false, List.of(), List.<UploadDto>of());
        }

        @Override
        public CommitResponse commit(CommitRequest request) {
            return new CommitResponse(List.of());
        }

        @Override
        public ChangesResponse changes(long since, int limit) {
            return new ChangesResponse(entries, 99, false);
        }

        @Override
        public FilesResponse files(String after, int limit) {
            return new FilesResponse(entries, 99, null);
        }

        @Override
        public DownloadUrlsResponse downloadUrls(DownloadUrlsRequest request) {
            List<DownloadUrlsResponse.DownloadDto> urls = new ArrayList<>();
            for (DownloadUrlsRequest.FileRef ref : request.files()) {
                urls.add(new DownloadUrlsResponse.DownloadDto(ref.path(), 1, EVIL_HASH.hex(), EVIL.length,
                        "http://127.0.0.1:9/evil", "2099-01-01T00:00:00Z"));
            }
            return new DownloadUrlsResponse(urls, List.of());
        }

        @Override
        public HistoryResponse history(VaultPath path, int limit) {
            return new HistoryResponse(path.value(), List.of());
        }
    }

    /** "Downloads" by writing the evil bytes wherever it is told. */
    private static final class WritingTransfers implements Transfers {
        @Override
        public void upload(Path source, long size, UploadDto target, ByteCounter progress) {
        }

        @Override
        public void download(URI url, Path target, ContentHash expected, long size, ByteCounter progress) throws
                io.skysync.client.transfer.TransferException {
            try {
                Files.write(target, EVIL);
            } catch (IOException e) {
                throw new io.skysync.client.transfer.TransferException(
                        io.skysync.client.transfer.TransferException.Kind.LOCAL_IO, e.getMessage());
            }
        }
    }

    private static EntryDto entry(String path) {
        return new EntryDto(path, 1, EVIL_HASH.hex(), EVIL.length, 0, false, "evil", 1, "2026-01-01T00:00:00Z");
    }

    @Test
    void sync_serverSendsEscapingPaths_writesNothingOutsideTheRoot() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path root = Files.createDirectories(temp.resolve("deep/root"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        List<EntryDto> hostile = List.of(entry("../../outside/x"), entry("/etc/x"), entry("link/x"),
                entry("a/../../x"), entry("..\\x"), entry("ok/fine.txt"));

        SyncReport report;
        try (SqliteIndexStore index = SqliteIndexStore.open(root.resolve(".skysync/index.db"))) {
            report = new SyncEngine(new HostileVault(hostile), new WritingTransfers(), index, root, Clock.systemUTC(),
                    new ParallelHasher(1), IgnoreRules.none(), 2, Progress.NONE)
                    .run(SyncOptions.twoWay(ConflictPolicy.KEEP_BOTH, "me"));
        }

        try (Stream<Path> outsideFiles = Files.list(outside)) {
            assertThat(outsideFiles).isEmpty();
        }
        assertThat(Files.exists(temp.resolve("x"))).isFalse();
        assertThat(Files.exists(temp.resolve("deep/x"))).isFalse();
        assertThat(report.failures).extracting(SyncReport.Failure::reason)
                .anyMatch(r -> r.contains("../../outside/x"))
                .anyMatch(r -> r.contains("/etc/x"))
                .anyMatch(r -> r.contains("symlink"));
        assertThat(Files.readString(root.resolve("ok/fine.txt"))).isEqualTo("pwned");
    }
}
