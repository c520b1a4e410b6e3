package io.skysync.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skysync.api.CreateVaultRequest;
import io.skysync.domain.ContentHash;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobGuard;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryPairingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real API ({@link ApiRouter} over {@link SyncService}) with in-memory stores, served on
 * 127.0.0.1 by the JDK's HTTP server, plus a blob endpoint that checks expiry, size and SHA-256
 * like S3 does. Counts every request; can be told to fail the next blob requests.
 */
public final class FakeBackend implements AutoCloseable {
    public static final String SECRET = "test-bootstrap-secret";
    private final HttpServer server;
    private final FakeBlobStore blobs;
    private final ApiRouter router;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> blobFailures = new ConcurrentLinkedQueue<>();

    private FakeBackend(HttpServer server, Clock clock) {
        this.server = server;
        this.blobs = new FakeBlobStore(this::endpoint, clock);
        this.router = new ApiRouter(new SyncService(new InMemoryManifestStore(), blobs, clock, new Tokens(new Random(7)),
                ServiceConfig.withBootstrapSecret(SECRET), new InMemoryPairingStore(), BlobGuard.NONE));
        server.createContext("/v1/", this::api);
        server.createContext("/blobs/", this::blob);
    }

    public static FakeBackend start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        FakeBackend backend = new FakeBackend(server, Clock.systemUTC());
        server.start();
        return backend;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates a vault and returns its admin device token. */
    public String createVault(String vault, String device) {
        byte[] body = io.skysync.api.ApiJson.write(new CreateVaultRequest(vault, device));
        ApiResponse response = router.handle(new ApiRequest("POST", "/v1/vaults", Map.of(),
                Map.of("authorization", "Bearer " + SECRET, "content-type", "application/json"), body));
        String json = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf("\"token\":\"");
        return json.substring(at + 9, json.indexOf('"', at + 9));
    }

    public long count(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    public void resetCounts() {
        counts.clear();
    }

    /** The next blob requests answer these statuses instead of being served. */
    public void failNextBlobRequests(Integer... statuses) {
        blobFailures.addAll(List.of(statuses));
    }

    public int blobCount() {
        return blobs.blobs.size();
    }

    private void count(String kind, String detail) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        counts.computeIfAbsent(kind + "[" + detail + "]", k -> new AtomicLong()).incrementAndGet();
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            count("api", exchange.getRequestMethod() + " " + path.substring(path.lastIndexOf('/') + 1));
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            ApiResponse response = router.handle(new ApiRequest(exchange.getRequestMethod(), path,
                    ApiRequest.parseQuery(uri.getRawQuery()), headers, body));
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private void blob(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            count("blob", method);
            Integer injected = blobFailures.poll();
            if (injected != null) {
                reply(exchange, injected, injected == 403 ? "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>" : "<Error><Code>InternalError</Code></Error>");
                return;
            }
            String[] parts = exchange.getRequestURI().getRawPath().split("/");
            String key = FakeBlobStore.key(parts[2], parts[3]);
            Map<String, String> q = ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery());
            if (Long.parseLong(q.getOrDefault("expires", "0")) < System.currentTimeMillis()) {
                reply(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
                return;
            }
            if (method.equals("PUT")) {
                String checksum = exchange.getRequestHeaders().getFirst("x-amz-checksum-sha256");
                String actual = Base64.getEncoder().encodeToString(ContentHash.sha256().digest(body));
                if (body.length != Long.parseLong(q.get("size")) || !actual.equals(checksum)
                        || !ContentHash.ofBytes(body).hex().equals(parts[3])) {
                    reply(exchange, 400, "<Error><Code>BadDigest</Code></Error>");
                    return;
                }
                blobs.blobs.put(key, body);
                reply(exchange, 200, "");
            } else {
                byte[] blob = blobs.blobs.get(key);
                if (blob == null) {
                    reply(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
                    return;
                }
                exchange.sendResponseHeaders(200, blob.length == 0 ? -1 : blob.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(blob);
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
