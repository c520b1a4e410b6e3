package io.skysync.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobGuard;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import io.skysync.testing.InMemoryManifestStore;
import io.skysync.testing.InMemoryPairingStore;
import io.skysync.testing.MutableClock;
import io.skysync.testing.VaultSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real API ({@link ApiRouter} over {@link SyncService}) with the shared test-jar's in-memory
 * stores, served on 127.0.0.1 by the JDK's HTTP server, with the in-memory blob store's presigned
 * URLs served beside it (expiry on the backend's {@link MutableClock}, exact size and SHA-256, S3's
 * errors). Counts every request; can be told to fail the next blob requests.
 */
public final class FakeBackend implements AutoCloseable {
    public static final String SECRET = "test-bootstrap-secret";
    private final HttpServer server;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final InMemoryBlobStore blobs;
    private final ApiRouter router;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> blobFailures = new ConcurrentLinkedQueue<>();

    private FakeBackend(HttpServer server) {
        this.server = server;
        this.blobs = new InMemoryBlobStore(clock, endpoint().toString() + "/blobs");
        this.router = new ApiRouter(new SyncService(new InMemoryManifestStore(), blobs, clock, new Tokens(new Random(7)),
                ServiceConfig.withBootstrapSecret(SECRET), new InMemoryPairingStore(), BlobGuard.NONE));
        server.createContext("/v1/", this::api);
        server.createContext("/blobs/", this::blob);
    }

    public static FakeBackend start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        FakeBackend backend = new FakeBackend(server);
        server.start();
        return backend;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The backend's clock: tests move it to expire URLs. */
    public MutableClock clock() {
        return clock;
    }

    public InMemoryBlobStore blobs() {
        return blobs;
    }

    /** Vault set-up through this backend's API. */
    public VaultSetup setup() {
        return VaultSetup.over(router);
    }

    /** Creates a vault and returns its admin device token. */
    public String createVault(String vault, String device) {
        return setup().createVault(SECRET, vault, device);
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
        return blobs.count();
    }

    private void count(String kind, String detail) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        counts.computeIfAbsent(kind + "[" + detail + "]", k -> new AtomicLong()).incrementAndGet();
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = read(exchange);
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            count("api", exchange.getRequestMethod() + " " + path.substring(path.lastIndexOf('/') + 1));
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            ApiResponse response = router.handle(new ApiRequest(exchange.getRequestMethod(), path,
                    ApiRequest.parseQuery(uri.getRawQuery()), headers, body));
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            reply(exchange, response.status(), response.body());
        }
    }

    private void blob(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = read(exchange);
            count("blob", exchange.getRequestMethod());
            Integer injected = blobFailures.poll();
            InMemoryBlobStore.Reply answer = injected == null
                    ? blobs.serve(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath().substring("/blobs".length())
                    + "?" + exchange.getRequestURI().getRawQuery(), body)
                    : injected == 403 ? InMemoryBlobStore.expired()
                    : InMemoryBlobStore.error(injected, "InternalError", "We encountered an internal error.");
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            reply(exchange, answer.status(), answer.body());
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
