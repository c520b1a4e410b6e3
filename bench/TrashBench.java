import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.client.cli.Cli;
import io.skysync.client.remote.ApiClient;
import io.skysync.client.remote.VaultTrash;
import io.skysync.client.transfer.Backoff;
import io.skysync.domain.VaultId;
import io.skysync.spi.LocalBackend;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Lists the deleted files of a vault two ways on the embedded local AWS backend, in the same run:
 * from existing endpoints (page GET /files, then GET .../history?limit=2 per tombstone), and with
 * GET /trash. Prints "files deleted clientSeconds clientCalls trashSeconds trashCalls ratio"
 * (seconds: medians of 3 rounds; calls: HTTP requests of one round). Usage: java -cp CLIENT_JAR:BACKEND_JAR bench/TrashBench.java FILES DELETED
 */
public final class TrashBench {
    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(args[0]);
        int deleted = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("trash-bench");
        Path dir = Files.createDirectories(work.resolve("folder"));
        try (LocalBackend backend = LocalBackend.provider("aws").start(work.resolve("backend"), 0)) {
            Map<String, String> env = Map.of("HOME", work.toString(), "XDG_CONFIG_HOME", work.resolve("config").toString(),
                    "SKYSYNC_BOOTSTRAP_SECRET", backend.bootstrapSecret());
            cli(env, "init", dir.toString(), "--endpoint", backend.endpoint().toString(), "--vault", "bench", "--device", "box");
            for (int i = 0; i < files; i++) {
                Path f = dir.resolve(String.format("d%02d/f%05d.txt", i % 50, i));
                Files.createDirectories(f.getParent());
                Files.writeString(f, "file " + i);
            }
            cli(env, "sync", dir.toString());
            for (int i = 0; i < deleted; i++) {
                int n = i * (files / deleted);
                Files.delete(dir.resolve(String.format("d%02d/f%05d.txt", n % 50, n)));
            }
            cli(env, "--allow-mass-delete", "sync", dir.toString());
            String token = Files.readString(work.resolve("config/skysync/tokens/bench-box.token")).strip();
            AtomicLong requests = new AtomicLong();
            OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
                requests.incrementAndGet();
                return chain.proceed(chain.request());
            }).build();
            ApiClient api = new ApiClient(http, backend.endpoint(), token, Backoff.standard());
            double[] client = new double[3];
            double[] trash = new double[3];
            long[] calls = new long[2];
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                long before = requests.get();
                fromExistingEndpoints(api, deleted);
                client[round] = (System.nanoTime() - start) / 1e9;
                calls[0] = requests.get() - before;
                start = System.nanoTime();
                before = requests.get();
                int listed = new VaultTrash(api, new VaultId("bench")).all().size();
                trash[round] = (System.nanoTime() - start) / 1e9;
                calls[1] = requests.get() - before;
                if (listed != deleted) {
                    throw new IllegalStateException("trash listed " + listed + " of " + deleted);
                }
            }
            Arrays.sort(client);
            Arrays.sort(trash);
            System.out.printf("%d %d %.3f %d %.3f %d %.1f%n", files, deleted, client[1], calls[0], trash[1], calls[1],
                    client[1] / trash[1]);
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** GET /files to the end, then one history call per tombstone. */
    private static void fromExistingEndpoints(ApiClient api, int expected) {
        List<EntryDto> tombstones = new ArrayList<>();
        String after = null;
        do {
            HttpUrl.Builder url = api.url().addPathSegments("v1/vaults/bench/files");
            if (after != null) {
                url.addQueryParameter("after", after);
            }
            FilesResponse page = api.get(url.build(), FilesResponse.class);
            page.entries().stream().filter(EntryDto::deleted).forEach(tombstones::add);
            after = page.next();
        } while (after != null);
        int restorable = 0;
        for (EntryDto t : tombstones) {
            HttpUrl url = api.url().addPathSegments("v1/vaults/bench/files").addPathSegments(t.path())
                    .addPathSegment("history").addQueryParameter("limit", "2").build();
            HistoryResponse history = api.get(url, HistoryResponse.class);
            restorable += history.versions().stream().anyMatch(v -> !v.deleted()) ? 1 : 0;
        }
        if (restorable != expected) {
            throw new IllegalStateException("found " + restorable + " of " + expected);
        }
    }

    private static void cli(Map<String, String> env, String... args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = Cli.run(args, env, quiet, System.err, Path.of("").toAbsolutePath(), false);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited " + code);
        }
    }
}
