package io.skysync.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.skysync.api.ApiJson;
import io.skysync.spi.LocalInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The JDK's HTTP server on {@code 127.0.0.1} only, serving an API handler at {@code /} and the
 * backend's own {@code /_local/} endpoints:
 * <ul>
 *   <li>{@code GET /_local/identity?nonce=N}: {@code {"proof": ...}}, the answer to a client's
 *       challenge ({@link LocalInstance}), so a client knows it talks to the backend of its data
 *       folder and not to whoever bound a port named by a stale file;</li>
 *   <li>{@code GET /_local/counters}: the request counters as a JSON object of name to count;</li>
 *   <li>{@code POST /_local/counters/reset}: sets them to zero (tests measure one step at a time);</li>
 *   <li>{@code POST /_local/alive}: nothing but activity, so a backend that stops when idle
 *       ({@link #idle()}) stays up while a client still works with it.</li>
 * </ul>
 * The counters and alive endpoints need {@code Authorization: Bearer <LocalInstance.countersKey(secret)>}
 * (401 otherwise): every local user can reach the port, and the counters tell when devices sync.
 * Requests from anywhere but loopback are refused, even though the bind address already rules them out.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create("http://" + HOST + ":" + server.getAddress().getPort());
    }

    /**
     * @param port           the port, or 0 for any free one
     * @param api            serves everything outside {@code /_local/}
     * @param instanceSecret what the identity proof and the counters key are derived from
     * @param counters       the current counters
     * @param reset          sets the counters to zero
     */
    public static LoopbackHttpServer start(int port, HttpHandler api, String instanceSecret,
                                           Supplier<Map<String, Long>> counters, Runnable reset) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 64);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is taken: pass another port, or 0 for a free one", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "skysync-local-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        LoopbackHttpServer started = new LoopbackHttpServer(server, executor);
        LocalEndpoints local = new LocalEndpoints(started.endpoint, instanceSecret, counters, reset);
        server.createContext("/", started.tracked(loopbackOnly(api)));
        server.createContext("/_local/", started.tracked(loopbackOnly(local::handle)));
        server.start();
        return started;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** How long the server has been without a request in flight: zero while it serves one. */
    public Duration idle() {
        return inFlight.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastActive.get());
    }

    /** Counts {@code next}'s requests as activity from their start to their end (see {@link #idle()}). */
    private HttpHandler tracked(HttpHandler next) {
        return exchange -> {
            inFlight.incrementAndGet();
            lastActive.set(System.nanoTime());
            try {
                next.handle(exchange);
            } finally {
                lastActive.set(System.nanoTime());
                inFlight.decrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static HttpHandler loopbackOnly(HttpHandler next) {
        return exchange -> {
            try {
                if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                    send(exchange, 403, Map.of("error", Map.of("code", "forbidden", "message", "loopback only")));
                    return;
                }
                next.handle(exchange);
            } finally {
                exchange.close();
            }
        };
    }

    static void send(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] body = ApiJson.write(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
