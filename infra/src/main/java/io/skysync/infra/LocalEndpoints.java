package io.skysync.infra;

import com.sun.net.httpserver.HttpExchange;
import io.skysync.spi.LocalInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** The backend's own {@code /_local/} endpoints (see {@link LoopbackHttpServer}). */
final class LocalEndpoints {
    private final URI endpoint;
    private final String instanceSecret;
    private final String countersKey;
    private final Supplier<Map<String, Long>> counters;
    private final Runnable reset;

    LocalEndpoints(URI endpoint, String instanceSecret, Supplier<Map<String, Long>> counters, Runnable reset) {
        this.endpoint = endpoint;
        this.instanceSecret = instanceSecret;
        this.countersKey = LocalInstance.countersKey(instanceSecret);
        this.counters = counters;
        this.reset = reset;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(LocalInstance.IDENTITY_PATH) && method.equals("GET")) {
            identity(exchange);
        } else if (path.equals("/_local/counters") && method.equals("GET")) {
            if (authorized(exchange)) {
                LoopbackHttpServer.send(exchange, 200, counters.get());
            }
        } else if (path.equals(LocalInstance.ALIVE_PATH) && method.equals("POST")) {
            if (authorized(exchange)) {
                LoopbackHttpServer.send(exchange, 200, Map.of("alive", true));
            }
        } else if (path.equals("/_local/counters/reset") && method.equals("POST")) {
            if (authorized(exchange)) {
                reset.run();
                LoopbackHttpServer.send(exchange, 200, counters.get());
            }
        } else {
            LoopbackHttpServer.send(exchange, 404, error("not_found", "local endpoints: GET " + LocalInstance.IDENTITY_PATH
                    + "?nonce=N, GET /_local/counters, POST /_local/counters/reset, POST " + LocalInstance.ALIVE_PATH));
        }
    }

    private void identity(HttpExchange exchange) throws IOException {
        String nonce = nonceOf(exchange.getRequestURI().getRawQuery());
        if (!LocalInstance.validNonce(nonce)) {
            LoopbackHttpServer.send(exchange, 400, error("invalid_request", "nonce: 16 to 128 base64url characters"));
            return;
        }
        LoopbackHttpServer.send(exchange, 200, Map.of("proof", LocalInstance.proof(instanceSecret, endpoint, nonce)));
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String presented = header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).strip() : null;
        if (LocalInstance.same(countersKey, presented)) {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        LoopbackHttpServer.send(exchange, 401, error("unauthorized",
                "this endpoint needs Authorization: Bearer <key derived from the data folder's instance-secret>"));
        return false;
    }

    private static String nonceOf(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("nonce=")) {
                return URLDecoder.decode(pair.substring("nonce=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }
}
