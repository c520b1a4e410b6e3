package io.skysync.infra.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.skysync.api.ApiJson;
import io.skysync.api.ErrorBody;
import io.skysync.azure.SkysyncFunctions;
import io.skysync.azure.inprocess.InProcessExecutionContext;
import io.skysync.azure.inprocess.InProcessHttpRequest;
import io.skysync.azure.inprocess.InProcessHttpResponse;
import io.skysync.emulators.RequestCounter;
import io.skysync.error.ErrorCode;
import io.skysync.infra.RequestBodies;
import io.skysync.infra.RouteName;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays the Functions host in front of {@link SkysyncFunctions}: each HTTP request becomes one
 * invocation of its {@code api} function, counted by route. As on Azure, a body over the host's
 * 100 MB limit is refused before the function runs, and a function that throws becomes a bare 500.
 */
final class FunctionHttpBridge implements HttpHandler {
    /** The Functions host's default {@code maxRequestBodySize}; the API's own 4 MiB limit is the router's. */
    static final int HOST_MAX_BODY = 100 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(FunctionHttpBridge.class.getName());

    private final SkysyncFunctions function;
    private final RequestCounter invocations;

    FunctionHttpBridge(SkysyncFunctions function, RequestCounter invocations) {
        this.function = function;
        this.invocations = invocations;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<byte[]> body = RequestBodies.readAtMost(exchange.getRequestBody(), HOST_MAX_BODY);
        if (body.isEmpty()) {
            exchange.getResponseHeaders().set("Connection", "close");
            send(exchange, ErrorCode.BODY_TOO_LARGE.status(), Map.of("Content-Type", "application/json; charset=utf-8"),
                    ApiJson.write(ErrorBody.of(ErrorCode.BODY_TOO_LARGE,
                            "the request body is over the host's limit of " + HOST_MAX_BODY + " bytes")));
            return;
        }
        String invocationId = UUID.randomUUID().toString();
        invocations.increment(RouteName.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()));
        InProcessHttpRequest request = InProcessHttpRequest.of(exchange.getRequestURI(), exchange.getRequestMethod(),
                headers(exchange), body.get());
        HttpResponseMessage response;
        try {
            response = function.api(request, new InProcessExecutionContext(invocationId, "api"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the function failed on invocation " + invocationId, e);
            send(exchange, 500, Map.of(), new byte[0]);
            return;
        }
        InProcessHttpResponse out = (InProcessHttpResponse) response;
        Object payload = out.body();
        byte[] bytes = payload == null ? new byte[0]
                : payload instanceof byte[] raw ? raw : payload.toString().getBytes(StandardCharsets.UTF_8);
        send(exchange, out.status().value(), out.headers(), bytes);
    }

    /** One value per header, lower-case names; repeated headers joined with commas, as the host does. */
    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                out.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return out;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }
}
