import io.skysync.domain.ContentHash;
import io.skysync.spi.LocalBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vault's commit throughput: DEVICES devices commit new files at once, through the real API
 * over HTTP on the local backend of each flavour (the real function over DynamoDB Local, or over
 * Azurite), for SECONDS seconds per batch size. Every file has the same content, uploaded and
 * recorded first, so a commit is the manifest's work only: the vault head serializes commits, and
 * this measures what that leaves. Prints commits/s and files/s per flavour and batch size, with the
 * 503s (a busy vault: the commit's retry budget ran out) and the manifest requests per commit.
 *
 * <p>Usage: {@code java -cp JARS bench/CommitBench.java [SECONDS] [DEVICES] [FLAVOURS]} (bench/commits.sh).
 */
public final class CommitBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HEADERS = Pattern.compile("\"headers\"\\s*:\\s*\\{([^}]*)\\}");
    private static final Pattern PAIR = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern COMMITTED = Pattern.compile("\"status\"\\s*:\\s*\"committed\"");
    private static final List<Integer> BATCHES = List.of(1, 49, 200);

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<String> flavours = args.length > 2 ? List.of(args[2].split(",")) : List.of("aws", "azure");
        System.out.printf(Locale.ROOT, "%n%d devices on one vault, %d s per row; %d cores, load average %s%n%n", devices,
                seconds, Runtime.getRuntime().availableProcessors(), load());
        System.out.println("| flavour | files per commit | commits/s | files/s | 503 busy | manifest requests per commit |");
        System.out.println("|---|---|---|---|---|---|");
        for (String flavour : flavours) {
            Path data = Files.createTempDirectory("skysync-commits-" + flavour);
            try (LocalBackend backend = LocalBackend.provider(flavour).start(data, 0)) {
                for (int batch : BATCHES) {
                    System.out.println(row(flavour, backend, batch, devices, seconds));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nload average after: %s%n", load());
    }

    private static String row(String flavour, LocalBackend backend, int batch, int devices, int seconds) throws Exception {
        String api = backend.endpoint().toString();
        String vault = "bench" + batch;
        String admin = token(post(api + "/v1/vaults", backend.bootstrapSecret(), "{\"vault\":\"" + vault + "\"}"));
        List<String> tokens = new ArrayList<>(List.of(admin));
        for (int i = 1; i < devices; i++) {
            tokens.add(token(post(api + "/v1/vaults/" + vault + "/devices", admin, "{\"name\":\"d" + i + "\"}")));
        }
        byte[] content = "the same content in every file".getBytes(StandardCharsets.UTF_8);
        String hash = ContentHash.ofBytes(content).hex();
        String plan = post(api + "/v1/vaults/" + vault + "/plan", admin, "{\"cursor\":0,\"changes\":[{\"path\":\"seed\","
                + "\"baseVersion\":0,\"hash\":\"" + hash + "\",\"size\":" + content.length + "}]}");
        upload(plan, content);
        commit(api, vault, admin, List.of("seed"), hash, content.length);

        Map<String, Long> before = backend.counters();
        AtomicLong commits = new AtomicLong();
        AtomicLong files = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            String token = tokens.get(d);
            String folder = "dev" + d;
            running.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    List<String> paths = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        paths.add(folder + "/c" + n + "/f" + i);
                    }
                    HttpResponse<String> response = commit(api, vault, token, paths, hash, content.length);
                    if (response.statusCode() == 503) {
                        busy.incrementAndGet();
                    } else if (response.statusCode() == 200) {
                        commits.incrementAndGet();
                        files.addAndGet(count(COMMITTED, response.body()));
                    } else {
                        throw new IllegalStateException("commit answered " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Map<String, Long> after = backend.counters();
        String manifest = flavour.equals("aws") ? "dynamodb.operations" : "table.requests";
        long requests = after.getOrDefault(manifest, 0L) - before.getOrDefault(manifest, 0L);
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %d | %.1f |", flavour, batch, commits.get() / elapsed,
                files.get() / elapsed, busy.get(), commits.get() == 0 ? 0.0 : (double) requests / commits.get());
    }

    private static HttpResponse<String> commit(String api, String vault, String token, List<String> paths, String hash,
                                               long size) throws Exception {
        StringBuilder body = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < paths.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"path\":\"").append(paths.get(i)).append("\",\"baseVersion\":0,\"hash\":\"")
                    .append(hash).append("\",\"size\":").append(size).append(",\"mtime\":1}");
        }
        body.append("]}");
        return HTTP.send(request(api + "/v1/vaults/" + vault + "/commit", token, body.toString()),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void upload(String plan, byte[] content) throws Exception {
        Matcher url = URL.matcher(plan);
        if (!url.find()) {
            return;
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(url.group(1).replace("\\u0026", "&")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        Matcher headers = HEADERS.matcher(plan);
        if (headers.find()) {
            Matcher pair = PAIR.matcher(headers.group(1));
            while (pair.find()) {
                put.header(pair.group(1), pair.group(2));
            }
        }
        HttpResponse<String> response = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String post(String url, String token, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(request(url, token, json), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpRequest request(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String token(String json) {
        Matcher m = TOKEN.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + json);
        }
        return m.group(1);
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1];
        } catch (Exception e) {
            return "?";
        }
    }
}
